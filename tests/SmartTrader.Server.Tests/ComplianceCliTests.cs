using System.CommandLine;
using System.Text.Json;
using SmartTrader.Server.Cli;

namespace SmartTrader.Server.Tests;

/// <summary>`compliance check` and `compliance lots` on files, run in process with their output captured.</summary>
public sealed class ComplianceCliTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("compliance-cli-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public async Task A_fourth_day_trade_is_blocked_under_the_legacy_regime_below_25000_and_not_at_25000()
    {
        var fills = Fills(
            Fill("2026-01-05T10:00", "m1", "ABC", "Buy", 100, 10m), Fill("2026-01-05T11:00", "m1", "ABC", "Sell", 100, 10.5m),
            Fill("2026-01-06T10:00", "m1", "ABC", "Buy", 100, 10m), Fill("2026-01-06T11:00", "m1", "ABC", "Sell", 100, 10.5m),
            Fill("2026-01-07T10:00", "m1", "ABC", "Buy", 100, 10m), Fill("2026-01-07T11:00", "m1", "ABC", "Sell", 100, 10.5m),
            Fill("2026-01-08T10:00", "m1", "ABC", "Buy", 100, 10m));
        var order = Order("""{ "time": "2026-01-08T11:00:00-05:00", "account": "m1", "symbol": "ABC", "side": "Sell", "quantity": 100, "price": 10.5 }""");

        var below = await Check(Accounts(("m1", "alice", "Margin", 24_999m)), fills, order, "--regime", "legacy");
        below.GetProperty("decision").GetString().Should().Be("Block");
        below.GetProperty("regime").GetString().Should().Be("Legacy");
        below.GetProperty("dayTradesInWindow").GetInt32().Should().Be(3);
        below.GetProperty("windowStart").GetString().Should().Be("2026-01-02");
        below.GetProperty("windowEnd").GetString().Should().Be("2026-01-08");
        below.GetProperty("wouldBeDayTrade").GetBoolean().Should().BeTrue();
        below.GetProperty("patternDayTrader").GetBoolean().Should().BeFalse();
        below.GetProperty("dayTrading").GetProperty("dayTradesAfterOrder").GetInt32().Should().Be(4);
        Rule(below, "PatternDayTraderMinimumEquity").GetProperty("passed").GetBoolean().Should().BeFalse();
        Rule(below, "PatternDayTraderMinimumEquity").GetProperty("severity").GetString().Should().Be("Block");

        var funded = await Check(Accounts(("m1", "alice", "Margin", 25_000m)), fills, order, "--regime", "legacy");
        funded.GetProperty("decision").GetString().Should().Be("Warn", "the account becomes a pattern day trader, which is a warning");
        Rule(funded, "PatternDayTraderMinimumEquity").GetProperty("passed").GetBoolean().Should().BeTrue();
        Rule(funded, "PatternDayTraderDesignation").GetProperty("passed").GetBoolean().Should().BeFalse();

        var text = await Run("compliance", "check", "--accounts", Accounts(("m1", "alice", "Margin", 24_999m)), "--fills", fills, "--order", order);
        text.ExitCode.Should().Be(0);
        text.Output.Should().StartWith("decision: Block");
        text.Output.Should().Contain("FAIL  PatternDayTraderMinimumEquity [Block]");
    }

    [Fact]
    public async Task An_order_that_increases_a_margin_deficit_is_blocked_under_the_intraday_regime_only()
    {
        // 1,000 ABC at 50 on 10,000 of equity: requirement 12,500, deficit 2,500; buying 200 more raises both.
        var accounts = Accounts(("m1", "bob", "Margin", 10_000m));
        var fills = Fills(Fill("2026-01-05T10:00", "m1", "ABC", "Buy", 1000, 50m));
        var order = Order("""{ "time": "2026-01-06T10:00:00-05:00", "account": "m1", "symbol": "ABC", "side": "Buy", "quantity": 200 }""");

        var intraday = await Check(accounts, fills, order, "--regime", "intraday");
        intraday.GetProperty("decision").GetString().Should().Be("Block");
        intraday.GetProperty("regime").GetString().Should().Be("IntradayMargin");
        var margin = intraday.GetProperty("margin");
        margin.GetProperty("price").GetDecimal().Should().Be(50m, "an order without a price is judged at the symbol's last fill price");
        margin.GetProperty("currentEquity").GetDecimal().Should().Be(10_000m);
        margin.GetProperty("currentDeficit").GetDecimal().Should().Be(2_500m);
        margin.GetProperty("projectedDeficit").GetDecimal().Should().Be(5_000m);
        Rule(intraday, "IntradayMaintenanceMargin").GetProperty("passed").GetBoolean().Should().BeFalse();

        var legacy = await Check(accounts, fills, order, "--regime", "legacy");
        legacy.GetProperty("decision").GetString().Should().Be("Allow");
    }

    [Fact]
    public async Task Direction_change_counting_counts_two_purchases_closed_by_one_sale_as_one_day_trade()
    {
        // docs/compliance/day-trading.md: buy 250, buy 250, sell 500 is 2 traditional day trades and 1 by direction change.
        var accounts = Accounts(("m1", "carol", "Margin", 100_000m));
        var fills = Fills(
            Fill("2026-01-05T10:00", "m1", "ABC", "Buy", 250, 10m), Fill("2026-01-05T10:30", "m1", "ABC", "Buy", 250, 10m),
            Fill("2026-01-05T11:00", "m1", "ABC", "Sell", 500, 10m));
        var order = Order("""{ "time": "2026-01-05T12:00:00-05:00", "account": "m1", "symbol": "XYZ", "side": "Buy", "quantity": 10, "price": 20 }""");

        var traditional = await Check(accounts, fills, order, "--counting", "traditional");
        traditional.GetProperty("counting").GetString().Should().Be("Traditional");
        traditional.GetProperty("dayTradesInWindow").GetInt32().Should().Be(2);

        var directionChange = await Check(accounts, fills, order, "--counting", "direction-change");
        directionChange.GetProperty("counting").GetString().Should().Be("DirectionChange");
        directionChange.GetProperty("dayTradesInWindow").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task A_purchase_in_the_owners_IRA_after_a_loss_sale_is_a_wash_sale_warning_with_its_facts()
    {
        // Publication 550: 100 shares bought for 1,000, sold for 750; 100 bought back within 30 days (here in an IRA).
        var accounts = Accounts(("taxable", "dave", "Cash", 10_000m), ("ira", "dave", "IRA", 10_000m), ("other", "erin", "Cash", 10_000m));
        var fills = Fills(Fill("2024-01-02T12:00", "taxable", "ABC", "Buy", 100, 10m), Fill("2024-03-01T12:00", "taxable", "ABC", "Sell", 100, 7.5m));
        var order = Order("""{ "time": "2024-03-15T12:00:00-04:00", "account": "ira", "symbol": "ABC", "side": "Buy", "quantity": 100, "price": 8 }""");

        var report = await Check(accounts, fills, order);
        report.GetProperty("decision").GetString().Should().Be("Warn");
        var washSale = report.GetProperty("washSale");
        washSale.GetProperty("wouldWashRecentLoss").GetBoolean().Should().BeTrue();
        washSale.GetProperty("isWashSale").GetBoolean().Should().BeTrue();
        washSale.GetProperty("disallowedAmount").GetDecimal().Should().Be(250m);
        washSale.GetProperty("matchedQuantity").GetDecimal().Should().Be(100m);
        washSale.GetProperty("isPermanent").GetBoolean().Should().BeTrue();
        Rule(report, "WashSale").GetProperty("message").GetString().Should().Contain("250");
        report.GetProperty("dayTrading").GetProperty("applicable").GetBoolean().Should().BeFalse();

        var otherOwner = Order("""{ "time": "2024-03-15T12:00:00-04:00", "account": "other", "symbol": "ABC", "side": "Buy", "quantity": 100, "price": 8 }""");
        (await Check(accounts, fills, otherOwner)).GetProperty("decision").GetString().Should().Be("Allow", "another owner's loss is not washed");
    }

    [Fact]
    public async Task Lots_show_the_adjusted_basis_and_date_of_a_replacement_and_the_disallowed_loss_of_the_sale()
    {
        var accounts = Accounts(("brokerage", "dave", "Cash", 10_000m));
        var fills = Fills(
            Fill("2024-01-02T12:00", "brokerage", "ABC", "Buy", 100, 10m), Fill("2024-03-01T12:00", "brokerage", "ABC", "Sell", 100, 7.5m),
            Fill("2024-03-15T12:00", "brokerage", "ABC", "Buy", 100, 8m));

        var result = await Run("compliance", "lots", "--accounts", accounts, "--fills", fills, "--json");
        result.ExitCode.Should().Be(0, result.Error);
        using var document = JsonDocument.Parse(result.Output);
        var lot = document.RootElement.GetProperty("lots").EnumerateArray().Should().ContainSingle().Subject;
        lot.GetProperty("id").GetString().Should().Be("brokerage-3");
        lot.GetProperty("basis").GetDecimal().Should().Be(800m);
        lot.GetProperty("adjustedBasis").GetDecimal().Should().Be(1_050m);
        lot.GetProperty("acquiredOn").GetString().Should().Be("2024-03-15");
        lot.GetProperty("adjustedAcquiredOn").GetString().Should().Be("2024-01-16");
        var sale = document.RootElement.GetProperty("realizedSales").EnumerateArray().Should().ContainSingle().Subject;
        sale.GetProperty("lotId").GetString().Should().Be("brokerage-1");
        sale.GetProperty("proceeds").GetDecimal().Should().Be(750m);
        sale.GetProperty("cost").GetDecimal().Should().Be(1_000m);
        sale.GetProperty("gainOrLoss").GetDecimal().Should().Be(-250m);
        sale.GetProperty("disallowedLoss").GetDecimal().Should().Be(250m);
        sale.GetProperty("isWashSale").GetBoolean().Should().BeTrue();
        sale.GetProperty("saleDate").GetString().Should().Be("2024-03-01");

        var text = await Run("compliance", "lots", "--accounts", accounts, "--fills", fills);
        text.Output.Should().Contain("brokerage-3").And.Contain("1050.00").And.Contain("2024-01-16");
    }

    [Fact]
    public async Task A_malformed_fill_is_reported_with_file_line_and_field_and_exit_code_2()
    {
        var accounts = Accounts(("m1", "alice", "Margin", 10_000m));
        var fills = Write("fills.json", """
            [
              { "time": "2026-01-05T10:00:00-05:00", "account": "m1", "symbol": "ABC", "side": "Buy", "quantity": 100, "price": 10 },
              { "time": "2026-01-05T11:00:00-05:00", "account": "m1", "symbol": "ABC", "side": "Purchase", "quantity": 100, "price": 10 }
            ]
            """);

        var result = await Run("compliance", "lots", "--accounts", accounts, "--fills", fills);

        result.ExitCode.Should().Be(2);
        result.Output.Should().BeEmpty();
        result.Error.Should().StartWith("fills.json:3:").And.Contain("fills[1].side");
    }

    [Fact]
    public async Task An_order_for_an_account_that_is_not_in_the_accounts_file_is_refused_with_exit_code_2()
    {
        var accounts = Accounts(("m1", "alice", "Margin", 10_000m));
        var fills = Fills(Fill("2026-01-05T10:00", "m1", "ABC", "Buy", 100, 10m));
        var order = Order("""{ "time": "2026-01-06T10:00:00-05:00", "account": "nobody", "symbol": "ABC", "side": "Buy", "quantity": 1 }""");

        var result = await Run("compliance", "check", "--accounts", accounts, "--fills", fills, "--order", order, "--json");

        result.ExitCode.Should().Be(2);
        result.Output.Should().BeEmpty();
        result.Error.Should().StartWith("order.json:1:1: order.account: 'nobody' is not in the accounts file");
    }

    [Fact]
    public async Task A_sale_of_more_than_the_lots_hold_is_refused_with_its_place_in_the_fills_file()
    {
        var accounts = Accounts(("m1", "alice", "Cash", 10_000m));
        var fills = Fills(Fill("2026-01-05T11:00", "m1", "ABC", "Sell", 100, 10m), Fill("2026-01-05T10:00", "m1", "ABC", "Buy", 50, 10m));

        var result = await Run("compliance", "lots", "--accounts", accounts, "--fills", fills);

        result.ExitCode.Should().Be(2);
        result.Error.Should().StartWith("fills.json: fills[0]: ");
    }

    private static JsonElement Rule(JsonElement report, string name) =>
        report.GetProperty("ruleResults").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);

    private async Task<JsonElement> Check(string accounts, string fills, string order, params string[] options)
    {
        var result = await Run(["compliance", "check", "--accounts", accounts, "--fills", fills, "--order", order, "--json", .. options]);
        result.ExitCode.Should().Be(0, result.Error);
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.Clone();
    }

    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var root = new RootCommand { ComplianceCommand.Create() };
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    private string Accounts(params (string Id, string Owner, string Type, decimal Equity)[] accounts) =>
        Write("accounts.json", JsonSerializer.Serialize(accounts.Select(a => new { id = a.Id, owner = a.Owner, type = a.Type, equity = a.Equity })));

    private string Fills(params string[] fills) => Write("fills.json", "[\n" + string.Join(",\n", fills) + "\n]");

    private string Order(string json) => Write("order.json", json);

    /// <summary>A fill at a New York time (yyyy-MM-ddTHH:mm, standard or daylight offset as of the date).</summary>
    private static string Fill(string newYorkTime, string account, string symbol, string side, decimal quantity, decimal price)
    {
        var local = DateTime.Parse(newYorkTime, System.Globalization.CultureInfo.InvariantCulture);
        var offset = TimeZoneInfo.FindSystemTimeZoneById("America/New_York").GetUtcOffset(local);
        var time = new DateTimeOffset(local, offset).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        return JsonSerializer.Serialize(new { time, account, symbol, side, quantity, price });
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
