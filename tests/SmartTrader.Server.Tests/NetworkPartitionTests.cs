using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SmartTrader.Server.Tests.Support;
using Xunit.Abstractions;

namespace SmartTrader.Server.Tests;

/// <summary>Tests that run whole clusters of server processes; they run alone, after the others of this assembly.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealClusterCollection
{
    public const string Name = "real clusters";
}

/// <summary>
/// The three-silo fault drill, automated: three real server processes, each on its own "host" (a network namespace,
/// deploy/local-cluster-netns.sh), with the cluster's default timings. The host running the market feed is cut off the
/// network while clients place orders through every silo. Cut off, its silo cannot tell its own isolation from a
/// database outage: it stops serving and waits. Put back, it reads that its peers declared it dead and stops, and the
/// script starts a new one, as a supervisor would.
/// </summary>
[Collection(RealClusterCollection.Name)]
public sealed class NetworkPartitionTests(ITestOutputHelper output)
{
    private const string Trader = "np-trader";
    private const string TraderPassword = "np-trader-password";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(45);

    [NetworkNamespaceFact]
    public async Task A_host_cut_off_stops_serving_its_peers_take_its_accounts_and_once_healed_it_stops_and_rejoins_with_a_new_generation()
    {
        NetworkNamespaces.Require();
        var total = Stopwatch.StartNew();
        await using var cluster = await NetnsCluster.StartAsync(output);
        var upIn = total.Elapsed;
        using var admin = await HttpExtensions.SignedInClientAsync(cluster.Api(1), NetnsCluster.AdminUser, NetnsCluster.AdminPassword);
        (await admin.PostAsJsonAsync("/api/users", new { userName = Trader, password = TraderPassword, roles = new[] { "trader" } }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        // Signed in on one silo; every silo accepts the token (the key ring is shared through the database).
        using var signIn = new HttpClient { BaseAddress = cluster.Api(2) };
        var token = await signIn.SignInAsync(Trader, TraderPassword);
        using var trader1 = ClientOf(cluster.Api(1), token);
        using var trader2 = ClientOf(cluster.Api(2), token);
        using var trader3 = ClientOf(cluster.Api(3), token);
        var traders = new Dictionary<int, HttpClient> { [1] = trader1, [2] = trader2, [3] = trader3 };
        var ledger = new OrderLedger();

        // The host to cut is the one running the market feed, so that the feed has to move as well.
        var before = await WaitForViewAsync(admin, view => view.Count(s => s.Status == "Active") == 3 && view.Count(s => s.RunsMarketFeed) == 1,
            "three Active silos, one running the feed");
        var leader = before.Single(s => s.RunsMarketFeed);
        var isolated = cluster.HostOf(leader.Address);
        var survivors = NetnsCluster.Hosts.Where(h => h != isolated).ToArray();
        var owned = await OpenAccountsUntilTheHostHoldsTwoAsync(cluster, admin, traders, ledger, isolated);
        // Signed in before the cut: the administrator's user grain may live on the host about to be cut.
        using var survivorAdmin = await HttpExtensions.SignedInClientAsync(cluster.Api(survivors[0]), NetnsCluster.AdminUser, NetnsCluster.AdminPassword);
        output.WriteLine($"cutting host {isolated} ({leader.Address}): it runs the feed and holds accounts {string.Join(", ", owned)}");

        var pid = cluster.SiloPid(isolated);
        await cluster.CutAsync(isolated);
        var sinceCut = Stopwatch.StartNew();

        // Clients of the survivors place an order for each of the cut host's accounts, resending the same order on
        // every retryable answer, as a client of any silo may. Meanwhile a client inside the cut host keeps ordering.
        var takeover = owned
            .Select(account => PlaceUntilAcknowledgedAsync([.. survivors.Select(h => traders[h])], account, $"{account}-cut", ledger))
            .ToArray();
        using var stopOrderingInside = new CancellationTokenSource();
        var inside = OrderFromInsideAsync(cluster, isolated, token, owned[0], ledger, stopOrderingInside.Token);

        // Its peers declare it dead, take its accounts and the market feed.
        await WaitForViewAsync(survivorAdmin, view => view.Single(s => s.Address == leader.Address).Status == "Dead", "peers declare the cut host dead");
        var declaredDeadAfter = sinceCut.Elapsed;
        var servingAgainAfter = (await Task.WhenAll(takeover)).Max();
        var holders = await PortfolioHoldersAsync(cluster);
        owned.Should().OnlyContain(account => survivors.Contains(cluster.HostOf(holders[account])), "the survivors hold the cut host's accounts now");
        await WaitForViewAsync(survivorAdmin, view => view.Any(s => s.Status == "Active" && s.RunsMarketFeed && s.Address != leader.Address),
            "a survivor runs the market feed");

        // The cut-off silo acknowledged nothing and answered only retryable 503s. It stopped serving when its lease
        // lapsed, and waits: from where it is, a database outage looks the same.
        await stopOrderingInside.CancelAsync();
        var refused = await inside;
        refused.Should().BePositive("a silo whose lease lapsed turns requests away at once");
        NetnsCluster.IsRunning(pid).Should().BeTrue("a silo that cannot reach the table stops serving, not running");
        // Requests are turned away as soon as the lease lapses; the loop logs it when its database call gives up.
        await WaitUntilAsync(() => cluster.SiloLog(isolated).Contains("stops serving until it reaches the membership table again", StringComparison.Ordinal),
            "the cut-off silo logs that it stopped serving");

        // Healed, the silo reads that it was declared dead and stops; the script starts a new one (its supervisor's
        // job), which rejoins as a new life of the same endpoint.
        var sinceHeal = Stopwatch.StartNew();
        var exited = WaitForExitAsync(pid);
        await cluster.HealAsync(isolated);
        var exitedAfter = await exited;
        cluster.SiloLog(isolated).Should().MatchRegex("stops serving: (a peer declared it dead|its membership row is dead or gone)");
        cluster.SiloPid(isolated).Should().NotBe(pid);
        using var healedAdmin = await HttpExtensions.SignedInClientAsync(cluster.Api(isolated), NetnsCluster.AdminUser, NetnsCluster.AdminPassword);
        var rejoined = await WaitForViewAsync(healedAdmin,
            view => view.Count(s => s.Status == "Active") == 3 && view.Any(s => s.IsLocal && s.Status == "Active"),
            "the healed host's silo is Active among three");
        var rejoinedAfter = sinceHeal.Elapsed;
        var newLife = rejoined.Single(s => s.IsLocal);
        cluster.HostOf(newLife.Address).Should().Be(isolated);
        newLife.Generation.Should().BeGreaterThan(leader.Generation);
        rejoined.Single(s => s.Address == leader.Address).Status.Should().Be("Dead");
        foreach (var account in ledger.Accounts)
            await PlaceOnceAsync(traders[isolated], account, $"{account}-healed", ledger);

        // Every acknowledged order is there exactly once, a refused one is not, and nothing appears that nobody sent.
        foreach (var account in ledger.Accounts)
        {
            var listed = await ClientOrderIdsAsync(traders[survivors[0]], account);
            listed.Should().OnlyHaveUniqueItems();
            listed.Should().Contain(ledger.With(account, OrderLedger.Outcome.Acknowledged), "account {0} acknowledged them", account);
            listed.Intersect(ledger.With(account, OrderLedger.Outcome.Refused)).Should().BeEmpty("the cut-off silo refused them");
            listed.Should().BeSubsetOf(ledger.SentTo(account));
        }

        await cluster.DownAsync();
        (await cluster.LeftoversAsync()).Should().BeEmpty("down leaves no namespace, link, silo or PostgreSQL behind");
        cluster.Succeeded();
        output.WriteLine(
            $"FIGURE netns partition: up {upIn.TotalSeconds:F1} s; after the cut: declared dead {declaredDeadAfter.TotalSeconds:F1} s, " +
            $"its accounts serving on survivors {servingAgainAfter.TotalSeconds:F1} s ({refused} orders sent from inside refused with 503); " +
            $"heal -> its process exited {exitedAfter.TotalSeconds:F1} s, a new one rejoined Active {rejoinedAfter.TotalSeconds:F1} s; " +
            $"{ledger.Count(OrderLedger.Outcome.Acknowledged)} orders acknowledged; whole test {total.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// Opens cash accounts three at a time, places an order for each through every silo, and stops once the host holds
    /// at least two of them (grains go to their rendezvous owner, so which silo holds an account is not up to the test).
    /// Each account has an owner of its own: accounts that share an owner move to their owner's silo together.
    /// </summary>
    private static async Task<IReadOnlyList<string>> OpenAccountsUntilTheHostHoldsTwoAsync(
        NetnsCluster cluster, HttpClient admin, IReadOnlyDictionary<int, HttpClient> traders, OrderLedger ledger, int host)
    {
        for (var batch = 0; batch < 10; batch++)
        {
            foreach (var account in Enumerable.Range(0, 3).Select(i => $"np-{batch}{i}"))
            {
                var owner = $"{account}-owner";
                (await admin.PostAsJsonAsync("/api/users", new { userName = owner, password = TraderPassword, roles = new[] { "trader" } }))
                    .StatusCode.Should().Be(HttpStatusCode.Created);
                (await admin.PostAsJsonAsync("/api/accounts", new { id = account, name = account, type = "Cash", initialCash = 100_000m, owner }))
                    .StatusCode.Should().Be(HttpStatusCode.Created);
                (await admin.PostAsJsonAsync($"/api/accounts/{account}/grants", new { userName = Trader }))
                    .StatusCode.Should().Be(HttpStatusCode.OK);
                foreach (var (via, trader) in traders) await PlaceOnceAsync(trader, account, $"{account}-via{via}", ledger);
            }
            var holders = await PortfolioHoldersAsync(cluster);
            var held = holders.Where(h => cluster.HostOf(h.Value) == host).Select(h => h.Key).Order(StringComparer.Ordinal).ToList();
            if (held.Count >= 2) return held;
        }
        throw new InvalidOperationException($"Host {host} never came to hold two of thirty accounts.");
    }

    /// <summary>Which silo holds each account's portfolio grain: the cluster's grain directory.</summary>
    private static Task<IReadOnlyDictionary<string, string>> PortfolioHoldersAsync(NetnsCluster cluster) =>
        GrainDirectory.HoldersAsync(cluster.PostgresConnectionString, "portfolio", "np-%");

    /// <summary>A resting limit order: it needs no quote (the symbol grains move with the cut host) and never fills.</summary>
    private static object RestingOrder(string clientOrderId) => Orders.Limit(clientOrderId, limitPrice: 1.00m, quantity: 1);

    private static async Task PlaceOnceAsync(HttpClient trader, string account, string clientOrderId, OrderLedger ledger)
    {
        ledger.Sent(account, clientOrderId);
        using var response = await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", RestingOrder(clientOrderId));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        ledger.Acknowledged(account, clientOrderId);
    }

    /// <summary>
    /// Sends the order through the given silos in turn until one acknowledges it, resending the same clientOrderId after
    /// retryable answers (503, or 409 marked retryable) and after no answer; any other answer fails the test.
    /// </summary>
    private static async Task<TimeSpan> PlaceUntilAcknowledgedAsync(HttpClient[] via, string account, string clientOrderId, OrderLedger ledger)
    {
        ledger.Sent(account, clientOrderId);
        var clock = Stopwatch.StartNew();
        var lastFailure = "none";
        for (var attempt = 0; clock.Elapsed < Bound; attempt++)
        {
            var trader = via[attempt % via.Length];
            try
            {
                using var response = await trader.PostAsJsonAsync($"/api/accounts/{account}/orders", RestingOrder(clientOrderId));
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    ledger.Acknowledged(account, clientOrderId);
                    return clock.Elapsed;
                }
                var body = await response.Content.ReadAsStringAsync();
                if (!IsRetryable(response.StatusCode, body))
                    Assert.Fail($"Order {clientOrderId} through {trader.BaseAddress} got {(int)response.StatusCode}: {body}");
                lastFailure = $"{(int)response.StatusCode}: {body}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lastFailure = $"no answer from {trader.BaseAddress}: {e.Message}";
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Order {clientOrderId} was not acknowledged within {Bound}; last failure {lastFailure}");
    }

    private static bool IsRetryable(HttpStatusCode status, string body) =>
        status == HttpStatusCode.ServiceUnavailable
        || status == HttpStatusCode.Conflict && JsonDocument.Parse(body).RootElement.TryGetProperty("retryable", out var retryable) && retryable.GetBoolean();

    /// <summary>
    /// From inside the cut-off host, sends it an order every quarter second until <paramref name="stop"/>. It cannot
    /// reach the database, so it may acknowledge none: until its lease runs out an order gets no answer in time or a
    /// retryable 503, after that a retryable 503 saying it stopped serving (those orders are recorded as refused: it
    /// turned them away before doing anything). Returns how many it refused.
    /// </summary>
    private static async Task<int> OrderFromInsideAsync(
        NetnsCluster cluster, int host, string token, string account, OrderLedger ledger, CancellationToken stop)
    {
        var sent = new List<Task<bool>>();
        for (var attempt = 0; !stop.IsCancellationRequested; attempt++)
        {
            sent.Add(SendAsync($"{account}-inside{attempt}"));
            await Task.Delay(250, CancellationToken.None);
        }
        return (await Task.WhenAll(sent)).Count(r => r);

        async Task<bool> SendAsync(string clientOrderId)
        {
            ledger.Sent(account, clientOrderId);
            var (status, body) = await cluster.SendFromInsideAsync(host, HttpMethod.Post, $"/api/accounts/{account}/orders", token,
                JsonSerializer.Serialize(RestingOrder(clientOrderId), JsonSerializerOptions.Web), TimeSpan.FromSeconds(2));
            if (status is null) return false;
            status.Should().Be(HttpStatusCode.ServiceUnavailable, "a silo cut off from the database acknowledges nothing: {0}", body);
            var problem = JsonDocument.Parse(body).RootElement;
            problem.GetProperty("retryable").GetBoolean().Should().BeTrue();
            if (!problem.GetProperty("detail").GetString()!.Contains("stopped serving", StringComparison.Ordinal)) return false;
            problem.GetProperty("detail").GetString().Should().Contain("another server");
            ledger.Refused(account, clientOrderId);
            return true;
        }
    }

    /// <summary>How long until the process exits (it must, within <see cref="Bound"/>).</summary>
    private static async Task<TimeSpan> WaitForExitAsync(int pid)
    {
        var clock = Stopwatch.StartNew();
        await WaitUntilAsync(() => !NetnsCluster.IsRunning(pid), $"process {pid} exits");
        return clock.Elapsed;
    }

    private static async Task<IReadOnlyList<string>> ClientOrderIdsAsync(HttpClient trader, string account) =>
        [.. (await trader.ListAllOrdersAsync(account)).Select(o => o.GetProperty("clientOrderId").GetString()!)];

    private sealed record SiloRow(string Address, string Status, long Generation, bool IsLocal, bool RunsMarketFeed);

    /// <summary>The cluster view, or null while the cluster is changing (a retryable 503: the admin's session lives on a moving grain).</summary>
    private static async Task<IReadOnlyList<SiloRow>?> ClusterViewAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/api/cluster");
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable) return null;
        var view = await response.ShouldBeAsync<JsonElement>(HttpStatusCode.OK);
        return view.GetProperty("silos").EnumerateArray().Select(s => new SiloRow(
            s.GetProperty("address").GetString()!, s.GetProperty("status").GetString()!, s.GetProperty("generation").GetInt64(),
            s.GetProperty("isLocal").GetBoolean(), s.GetProperty("runsMarketFeed").GetBoolean())).ToList();
    }

    /// <summary>Polls GET /api/cluster (views refresh every heartbeat) until it answers and the condition holds.</summary>
    private static async Task<IReadOnlyList<SiloRow>> WaitForViewAsync(HttpClient admin, Func<IReadOnlyList<SiloRow>, bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var view = await ClusterViewAsync(admin);
            if (view is not null && condition(view)) return view;
            if (clock.Elapsed > Bound) throw new TimeoutException($"Not within {Bound}: {what}. Last view: {(view is null ? "503" : string.Join("; ", view))}");
            await Task.Delay(200);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Bound) throw new TimeoutException($"Not within {Bound}: {what}.");
            await Task.Delay(100);
        }
    }

    private static HttpClient ClientOf(Uri api, string token)
    {
        var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
