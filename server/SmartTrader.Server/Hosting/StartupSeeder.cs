using System.Collections.Immutable;
using System.Text;
using Microsoft.Extensions.Options;
using SmartTrader.Runtime;
using SmartTrader.Server.Identity;
using SmartTrader.Trading;

namespace SmartTrader.Server.Hosting;

/// <summary>
/// Runs once the silo is up and before the server listens: creates the bootstrap administrator when configured and
/// absent, and the demo users and account when seeding. Existing users keep their passwords.
/// </summary>
internal sealed partial class StartupSeeder(IGrainFactory grains, IOptions<SmartTraderOptions> options, ILogger<StartupSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Auth.BootstrapAdmin is { IsConfigured: true } admin)
        {
            var name = UserNames.Normalize(admin.UserName!);
            if (await EnsureUser(name, admin.Password!, [Roles.Admin])) LogBootstrapAdminCreated(logger, name);
        }
        if (settings.SeedsDemoData) await SeedDemo(settings.IsEmbedded);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedDemo(bool embedded)
    {
        var banner = new StringBuilder()
            .AppendLine()
            .AppendLine(embedded ? "SmartTrader embedded mode: demo sign-ins (this server listens on loopback only)" : "SmartTrader demo users:");
        foreach (var (userName, role) in DemoData.Users)
        {
            var password = DemoData.PasswordFor(userName, embedded);
            var created = await EnsureUser(userName, password, [role]);
            banner.AppendLine(created || embedded
                ? $"  {userName,-11} password {password}"
                : $"  {userName,-11} (exists; password unchanged)");
        }

        var portfolio = grains.GetGrain<IPortfolioGrain>(DemoData.AccountId);
        var account = await portfolio.GetAccount() ?? await portfolio.Open(DemoData.Account);
        await grains.GetGrain<IUserGrain>(DemoData.AccountHolder).GrantAccount(account.Account);
        banner.AppendLine($"  account '{account.Account}' ({account.Name}, {DemoData.StartingCash:N0} starting cash) is granted to '{DemoData.AccountHolder}'.");
        await Console.Out.WriteLineAsync(banner.ToString());
    }

    private async Task<bool> EnsureUser(string userName, string password, ImmutableArray<string> roles)
    {
        var user = grains.GetGrain<IUserGrain>(userName);
        var created = await TryCreate(user, password, roles);
        await grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).Register(userName);
        return created;
    }

    /// <summary>
    /// Creates the user unless it exists. Silos of a cluster started together all seed at once: one creates the user and
    /// the others are refused, as a restarted server is.
    /// </summary>
    private static async Task<bool> TryCreate(IUserGrain user, string password, ImmutableArray<string> roles)
    {
        try
        {
            await user.Create(password, roles);
            return true;
        }
        catch (Exception e) when (e is TradingException { Kind: TradingErrorKind.Conflict } or InconsistentStateException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the bootstrap administrator '{UserName}'")]
    private static partial void LogBootstrapAdminCreated(ILogger logger, string userName);
}
