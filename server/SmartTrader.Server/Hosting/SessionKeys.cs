using Microsoft.AspNetCore.DataProtection;
using Serilog.Events;

namespace SmartTrader.Server.Hosting;

/// <summary>
/// The data-protection keys that seal sign-in cookies and bearer tokens. A cluster keeps them in PostgreSQL, sealed
/// under the cluster secret (ClusterComposition). A server on its own keeps them as files in its data directory, in
/// a folder readable by its user only; they are not encrypted, which the server says once at start instead of the
/// framework's warning with every new key.
/// </summary>
public static partial class SessionKeys
{
    private const string UnencryptedKeyEvent = "NoXMLEncryptorConfiguredKeyMayBePersistedToStorageInUnencryptedForm";

    private static string DirectoryOf(SmartTraderOptions options) => Path.Combine(options.DataDirectory, "keys");

    public static void AddSessionKeys(this IServiceCollection services, SmartTraderOptions options)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("SmartTrader");
        if (options.Cluster) return;
        dataProtection.PersistKeysToFileSystem(PrivateDirectory.Create(DirectoryOf(options)));
    }

    /// <summary>The framework's warning that a key file is not encrypted, which <see cref="LogWhereKeysAre"/> replaces for a server on its own.</summary>
    public static bool IsReplacedWarning(SmartTraderOptions options, LogEvent logEvent) =>
        !options.Cluster
        && logEvent.Properties.TryGetValue("EventId", out var eventId)
        && eventId is StructureValue { Properties: var properties }
        && properties.Any(p => p is { Name: "Name", Value: ScalarValue { Value: UnencryptedKeyEvent } });

    public static void LogWhereKeysAre(this WebApplication app, SmartTraderOptions options)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionKeys).FullName!);
        if (options.Cluster) KeptInDatabase(logger);
        else KeptInFiles(logger, DirectoryOf(options));
    }

    [LoggerMessage(1, LogLevel.Information, "Session keys are kept in PostgreSQL, sealed under Cluster:Transport:Secret")]
    private static partial void KeptInDatabase(ILogger logger);

    [LoggerMessage(2, LogLevel.Information, "Session keys are kept unencrypted in {Directory}, readable by this server's user only; a cluster keeps them sealed in PostgreSQL")]
    private static partial void KeptInFiles(ILogger logger, string directory);
}
