using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using SmartTrader.Server.Clustering;
using SmartTrader.TestSupport;

namespace SmartTrader.Server.Tests;

/// <summary>The cluster's key ring in PostgreSQL, as the data-protection key manager reads it after a secret rotation.</summary>
public sealed class KeyRingRepositoryTests : IAsyncLifetime
{
    private const string OldSecret = "0123456789abcdef0123456789abcdef-before-rotation";
    private const string NewSecret = "fedcba9876543210fedcba9876543210-after-rotation";
    private TestPostgres _database = null!;

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public void Keys_sealed_under_another_secret_are_passed_over_with_one_warning_that_names_them()
    {
        var before = Repository(OldSecret, new WarningLog());
        before.StoreElement(Key("old", OldSecret), "key-old");
        before.StoreElement(XElement.Parse("<key id=\"legacy\"><masterKey><value>cGxhaW4=</value></masterKey></key>"), "key-legacy");
        var log = new WarningLog();
        var after = Repository(NewSecret, log);
        after.StoreElement(Key("new", NewSecret), "key-new");

        var ids = after.GetAllElements().Select(e => e.Attribute("id")!.Value);
        after.GetAllElements();

        ids.Should().BeEquivalentTo(["legacy", "new"], "a key that is not sealed, or sealed under this secret, is read as before");
        log.Warnings.Should().ContainSingle().Which.Should()
            .Contain("1 data-protection keys").And.Contain("Cluster:Transport:Secret").And.Contain("friendly_name IN ('key-old')");
        Repository(OldSecret, new WarningLog()).GetAllElements().Select(e => e.Attribute("id")!.Value)
            .Should().BeEquivalentTo(["old", "legacy"], "under the old secret the new key is the foreign one");
    }

    private PostgresXmlRepository Repository(string secret, WarningLog log) => new(_database.ConnectionString, new KeyRingCipher(secret), log);

    /// <summary>A key element as data protection writes one, its secret part sealed by the encryptor.</summary>
    private static XElement Key(string id, string secret)
    {
        var sealedPart = new KeyRingXmlEncryptor(new KeyRingCipher(secret))
            .Encrypt(XElement.Parse("<masterKey><value>c2VjcmV0</value></masterKey>")).EncryptedElement;
        return new XElement("key", new XAttribute("id", id),
            new XElement("descriptor", new XElement("encryptedSecret", new XAttribute("decryptorType", typeof(KeyRingXmlDecryptor).FullName!), sealedPart)));
    }

    private sealed class WarningLog : ILogger<PostgresXmlRepository>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) Warnings.Add(formatter(state, exception));
        }
    }
}
