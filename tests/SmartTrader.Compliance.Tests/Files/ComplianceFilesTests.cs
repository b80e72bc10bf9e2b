using SmartTrader.Compliance;
using SmartTrader.Compliance.Files;
using SmartTrader.TestSupport;

namespace SmartTrader.Compliance.Tests.Files;

public sealed class ComplianceFilesTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    private const string Accounts = """
        [
          { "id": "M1", "owner": "ann", "type": "Margin", "equity": 30000 },
          { "id": "IRA1", "owner": "ann", "type": "IRA", "equity": 5000 }
        ]
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    private IReadOnlyList<ComplianceAccount> ReadAccounts() => ComplianceFiles.ReadAccounts(Write("accounts.json", Accounts));

    private ComplianceFileException FillsProblem(string fills) =>
        FluentActions.Invoking(() => ComplianceFiles.ReadFills(Write("fills.json", fills), ReadAccounts()))
            .Should().Throw<ComplianceFileException>().Which;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reads_accounts_fills_with_lots_and_options_and_an_order_without_a_price()
    {
        var accounts = ReadAccounts();
        var fills = ComplianceFiles.ReadFills(Write("fills.json", """
            [
              { "time": "2026-03-02T10:00:00-05:00", "account": "M1", "symbol": "XYZ", "side": "Buy", "quantity": 100, "price": 50.25 },
              { "time": "2026-03-03T15:30:00Z", "account": "M1", "symbol": "XYZ", "side": "Sell", "quantity": 40, "price": 45, "lots": ["M1-1"] },
              { "time": "2026-03-04T11:00:00-05:00", "account": "IRA1", "symbol": "XYZ 260417C00050000", "side": "Buy", "quantity": 1, "price": 2.10,
                "instrument": { "type": "Option", "underlying": "XYZ", "right": "Call", "strike": 50, "expiry": "2026-04-17", "multiplier": 100 } }
            ]
            """), accounts);
        var order = ComplianceFiles.ReadOrder(Write("order.json",
            """{ "time": "2026-03-05T09:45:00-05:00", "account": "M1", "symbol": "XYZ", "side": "Sell", "quantity": 60 }"""), accounts);

        accounts.Should().Equal(new ComplianceAccount("M1", "ann", AccountKind.Margin, 30000m), new ComplianceAccount("IRA1", "ann", AccountKind.IRA, 5000m));
        fills.Should().HaveCount(3);
        fills[0].Time.Should().Be(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(-5)));
        fills[1].Lots.Should().Equal("M1-1");
        fills[2].Instrument.Should().Be(new Instrument(InstrumentKind.Option, "XYZ", OptionRight.Call, 50m, new DateOnly(2026, 4, 17), 100));
        fills[2].Underlying.Should().Be("XYZ");
        order.Price.Should().BeNull();
        order.Quantity.Should().Be(60m);
    }

    [Fact]
    public void A_time_without_an_offset_is_refused_with_its_line_and_field()
    {
        var problem = FillsProblem("""
            [
              { "time": "2026-03-02T10:00:00-05:00", "account": "M1", "symbol": "XYZ", "side": "Buy", "quantity": 100, "price": 50 },
              { "time": "2026-03-02T11:00:00", "account": "M1", "symbol": "XYZ", "side": "Sell", "quantity": 100, "price": 51 }
            ]
            """);

        problem.File.Should().Be("fills.json");
        problem.Line.Should().Be(3);
        problem.Field.Should().Be("fills[1].time");
        problem.Problem.Should().Contain("UTC offset");
        problem.Message.Should().StartWith("fills.json:3:");
    }

    [Theory]
    [InlineData("\"side\": \"Sel\"", "fills[0].side")]
    [InlineData("\"side\": 1", "fills[0].side")]
    [InlineData("\"side\": \"Buy\", \"qty\": 5", "fills[0].qty")]
    [InlineData("\"side\": \"Buy\", \"quantity\": \"100\"", "fills[0].quantity")]
    public void A_wrong_enum_an_unknown_field_or_a_number_in_quotes_is_refused(string fragment, string field)
    {
        var quantity = fragment.Contains("quantity") ? "" : ", \"quantity\": 100";
        var problem = FillsProblem($$"""
            [
              { "time": "2026-03-02T10:00:00Z", "account": "M1", "symbol": "XYZ", {{fragment}}{{quantity}}, "price": 50 }
            ]
            """);

        problem.Line.Should().Be(2);
        problem.Field.Should().Be(field);
        problem.Problem.Should().NotContain("SmartTrader.");
    }

    [Fact]
    public void A_missing_field_is_named()
    {
        var problem = FillsProblem("""
            [
              { "time": "2026-03-02T10:00:00Z", "account": "M1", "symbol": "XYZ", "side": "Buy", "quantity": 100 }
            ]
            """);

        problem.Problem.Should().Contain("price").And.NotContain("SmartTrader.");
        problem.Line.Should().Be(2);
    }

    [Theory]
    [InlineData("\"account\": \"NOPE\", \"symbol\": \"XYZ\", \"side\": \"Buy\", \"quantity\": 1, \"price\": 5", "fills[1].account", "not in the accounts file")]
    [InlineData("\"account\": \"M1\", \"symbol\": \"XYZ\", \"side\": \"Buy\", \"quantity\": 0, \"price\": 5", "fills[1].quantity", "positive")]
    [InlineData("\"account\": \"M1\", \"symbol\": \"XYZ\", \"side\": \"Buy\", \"quantity\": 1, \"price\": 5, \"lots\": [\"M1-1\"]", "fills[1].lots", "opens a position")]
    [InlineData("\"account\": \"M1\", \"symbol\": \"XYZ C\", \"side\": \"Buy\", \"quantity\": 1, \"price\": 5, \"instrument\": { \"type\": \"Option\", \"underlying\": \"XYZ\", \"right\": \"Call\", \"expiry\": \"2026-04-17\" }", "fills[1].instrument.strike", "required")]
    public void Problems_found_after_parsing_point_at_the_record(string body, string field, string problem)
    {
        var thrown = FillsProblem($$"""
            [
              { "time": "2026-03-02T10:00:00Z", "account": "M1", "symbol": "XYZ", "side": "Buy", "quantity": 100, "price": 50 },
              { "time": "2026-03-03T10:00:00Z", {{body}} }
            ]
            """);

        thrown.Line.Should().Be(3);
        thrown.Column.Should().Be(3);
        thrown.Field.Should().Be(field);
        thrown.Problem.Should().Contain(problem);
    }

    [Fact]
    public void Broken_json_is_reported_where_it_breaks()
    {
        var problem = FillsProblem("[\n  { \"time\": \"2026-03-02T10:00:00Z\",\n    \"account\": \"M1\" \"symbol\": \"XYZ\" }\n]");

        problem.Line.Should().Be(3);
    }

    [Fact]
    public void An_account_listed_twice_is_refused()
    {
        var problem = FluentActions.Invoking(() => ComplianceFiles.ReadAccounts(Write("accounts.json", """
            [
              { "id": "M1", "owner": "ann", "type": "Margin", "equity": 1 },
              { "id": "M1", "owner": "bob", "type": "Cash", "equity": 1 }
            ]
            """))).Should().Throw<ComplianceFileException>().Which;

        problem.Field.Should().Be("accounts[1].id");
        problem.Line.Should().Be(3);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var problem = FluentActions.Invoking(() => ComplianceFiles.ReadAccounts(Path.Combine(_dir.Path, "none.json")))
            .Should().Throw<ComplianceFileException>().Which;

        problem.File.Should().Be("none.json");
        problem.Problem.Should().Contain("cannot be read");
    }
}
