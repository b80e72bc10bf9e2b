using SmartTrader.Runtime;
using SmartTrader.Trading.Grains;

namespace SmartTrader.Trading.Tests.Grains;

public class AccountOpeningScaleTests
{
    private const int Accounts = 2_000;

    [Fact]
    public async Task Opening_an_account_writes_only_its_own_rows_once_and_no_row_grows_with_the_number_of_accounts()
    {
        var storage = new CountingStorage(new MemoryGrainStorage());
        await using var silo = await TradingSilo.StartAsync(storage: storage);

        for (var i = 0; i < Accounts; i++) await silo.OpenAsync($"acc-{i:D5}");

        var writes = storage.Writes;
        writes.Should().OnlyContain(w => w.Key.GrainType == PortfolioGrain.TypeName);
        writes.Where(w => w.Key.StateName == PortfolioGrain.StateName).Should().HaveCount(Accounts);
        writes.Where(w => w.Key.StateName == PortfolioGrain.EquityStateName).Should().HaveCount(Accounts);
        writes.Select(w => w.Key).Should().OnlyHaveUniqueItems();

        var firstAccounts = writes.Take(100).Max(w => w.Bytes);
        writes.Skip(writes.Count - 100).Max(w => w.Bytes).Should().BeLessThanOrEqualTo(firstAccounts);
    }
}
