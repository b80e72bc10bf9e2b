using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;
using SmartTrader.Runtime.Storage.Postgres;

namespace SmartTrader.Server.Clustering;

/// <summary>
/// The data-protection key ring in the cluster's database (table data_protection_keys, migration 004), so a cookie or
/// bearer token issued by one silo is accepted by every other. The key manager calls this synchronously and rarely
/// (at start, then when keys roll, about every 90 days). Keys sealed under another Cluster:Transport:Secret (left by
/// a rotation) are passed over with one warning that says how to delete them: handed to the key manager, each would
/// log an error on every load of the key ring, and none of them could open a session anyway.
/// </summary>
internal sealed partial class PostgresXmlRepository(string connectionString, KeyRingCipher cipher, ILogger<PostgresXmlRepository> logger)
    : IXmlRepository
{
    private readonly NpgsqlDataSource _dataSource = PostgresDataSources.Auxiliary(connectionString, AuxiliaryPoolSizes.KeyRing).Build();
    private readonly Lock _migrating = new();
    private bool _migrated;
    private int _warnedAbout;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureSchema();
        using var command = _dataSource.CreateCommand("SELECT friendly_name, xml FROM data_protection_keys ORDER BY created_at, friendly_name");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        var foreign = new List<string>();
        while (reader.Read())
        {
            var element = XElement.Parse(reader.GetString(1));
            if (SealedUnderAnotherSecret(element)) foreign.Add(reader.GetString(0));
            else elements.Add(element);
        }
        if (foreign.Count > 0 && Interlocked.Exchange(ref _warnedAbout, foreign.Count) != foreign.Count)
            LogForeignKeys(foreign.Count, string.Join(", ", foreign.Select(name => $"'{name}'")));
        return elements;
    }

    private bool SealedUnderAnotherSecret(XElement element)
    {
        foreach (var sealedKey in element.Descendants(KeyRingXmlEncryptor.ElementName))
        {
            try
            {
                cipher.Open(KeyRingXmlDecryptor.SealedBytes(sealedKey));
            }
            catch (Exception e) when (e is CryptographicException or FormatException)
            {
                return true;
            }
        }
        return false;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        EnsureSchema();
        using var command = _dataSource.CreateCommand(
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2) ON CONFLICT (friendly_name) DO NOTHING");
        command.Parameters.AddWithValue(friendlyName);
        command.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    [LoggerMessage(LogLevel.Warning,
        "{Count} data-protection keys in the database were sealed under another Cluster:Transport:Secret and are passed over: " +
        "the sessions they issued have ended. Delete them with DELETE FROM data_protection_keys WHERE friendly_name IN ({Names});")]
    private partial void LogForeignKeys(int count, string names);

    /// <summary>The key manager may read before the storage's migration service has run: apply the migrations first (idempotent, locked).</summary>
    private void EnsureSchema()
    {
        lock (_migrating)
        {
            if (_migrated) return;
            PostgresMigrator.MigrateAsync(_dataSource, CancellationToken.None).GetAwaiter().GetResult();
            _migrated = true;
        }
    }
}
