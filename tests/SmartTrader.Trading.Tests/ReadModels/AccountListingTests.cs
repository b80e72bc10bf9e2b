using SmartTrader.Runtime;
using SmartTrader.Trading.Grains;
using SmartTrader.Trading.Tests.Grains;

namespace SmartTrader.Trading.Tests.ReadModels;

public class AccountListingTests
{
    [Fact]
    public async Task Lists_opened_accounts_in_key_order_a_page_at_a_time()
    {
        var storage = new MemoryGrainStorage();
        await using var silo = await TradingSilo.StartAsync(storage: storage);
        foreach (var id in new[] { "c", "a", "e", "b", "d" }) await silo.OpenAsync(id);
        await silo.Portfolio("bb").GetAccount();
        await storage.WriteAsync(new GrainStateKey(PortfolioGrain.TypeName, "ab", PortfolioGrain.StateName), """{"account":null}"""u8.ToArray(), null);

        var first = await silo.Accounts.ListAsync(after: null, limit: 2, CancellationToken.None);
        var second = await silo.Accounts.ListAsync(first.Next, limit: 2, CancellationToken.None);
        var last = await silo.Accounts.ListAsync(second.Next, limit: 2, CancellationToken.None);

        first.Accounts.Select(a => a.Account).Should().Equal("a", "b");
        first.Next.Should().Be("b");
        second.Accounts.Select(a => a.Account).Should().Equal("c", "d");
        second.Next.Should().Be("d");
        last.Accounts.Select(a => a.Account).Should().Equal("e");
        last.Next.Should().BeNull();
        last.Accounts.Single().Should().Be(await silo.Portfolio("e").GetAccount());
    }
}
