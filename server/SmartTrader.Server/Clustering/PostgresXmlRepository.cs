using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;
using SmartTrader.Runtime.Storage.Postgres;

namespace SmartTrader.Server.Clustering;

/// <summary>
/// The data-protection key ring in the cluster's database (table data_protection_keys, migration 004), so a cookie or
/// bearer token issued by one silo is accepted by every other. The key manager calls this synchronously and rarely
/// (at start, then when keys roll, about every 90 days).
/// </summary>
internal sealed class PostgresXmlRepository(string connectionString) : IXmlRepository
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly Lock _migrating = new();
    private bool _migrated;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureSchema();
        using var command = _dataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
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
