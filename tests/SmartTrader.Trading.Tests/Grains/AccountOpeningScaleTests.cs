using SmartTrader.Runtime;
using SmartTrader.Trading.Grains;

namespace SmartTrader.Trading.Tests.Grains;

public class AccountOpeningScaleTests
{
    private const int Accounts = 2_000;

    [Fact]
    public async Task Opening_an_account_writes_its_own_rows_once_and_no_row_grows_with_the_number_of_accounts()
    {
        var storage = new CountingStorage(new MemoryGrainStorage());
        await using var silo = await TradingSilo.StartAsync(storage: storage);

        for (var i = 0; i < Accounts; i++) await silo.OpenAsync($"acc-{i:D5}");

        var writes = storage.Writes;
        writes.Select(w => w.Key.GrainType).Distinct()
            .Should().BeEquivalentTo(PortfolioGrain.TypeName, TaxOwnerAccountGrain.TypeName, TaxOwnerGrain.TypeName);
        // Every account: its portfolio, its equity history, its registration with its owner. The first account's
        // portfolio once more, when the second made the owner's tax view keep both; the owner's own row a few times.
        var portfolios = writes.Where(w => w.Key.GrainType == PortfolioGrain.TypeName && w.Key.StateName == PortfolioGrain.StateName).ToList();
        portfolios.Should().HaveCount(Accounts + 1);
        portfolios.Where(w => w.Key.GrainKey != "acc-00000").Select(w => w.Key).Should().OnlyHaveUniqueItems();
        writes.Where(w => w.Key.StateName == PortfolioGrain.EquityStateName).Should().HaveCount(Accounts);
        writes.Where(w => w.Key.GrainType == TaxOwnerAccountGrain.TypeName).Select(w => w.Key).Should().HaveCount(Accounts).And.OnlyHaveUniqueItems();
        writes.Where(w => w.Key.GrainType == TaxOwnerGrain.TypeName).Should().HaveCount(3);

        var firstAccounts = writes.Take(100).Max(w => w.Bytes);
        writes.Skip(writes.Count - 100).Max(w => w.Bytes).Should().BeLessThanOrEqualTo(firstAccounts);
    }
}
