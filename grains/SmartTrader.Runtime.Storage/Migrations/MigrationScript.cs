using System.Globalization;
using System.Reflection;

namespace SmartTrader.Runtime.Storage.Migrations;

/// <summary>
/// An ordered schema script, embedded from deploy/sql/{provider}/NNN_name.sql. The version is the leading number.
/// </summary>
internal sealed record MigrationScript(int Version, string Name, string Sql)
{
    public static IReadOnlyList<MigrationScript> For(string provider)
    {
        var assembly = typeof(MigrationScript).Assembly;
        var prefix = $"sql/{provider}/";
        var scripts = assembly.GetManifestResourceNames()
            .Where(resource => resource.Replace('\\', '/').StartsWith(prefix, StringComparison.Ordinal))
            .Select(resource => Load(assembly, resource, resource.Replace('\\', '/')[prefix.Length..]))
            .OrderBy(script => script.Version)
            .ToList();
        if (scripts.Count == 0) throw new InvalidOperationException($"No embedded migrations for '{provider}'.");
        if (scripts.Select(s => s.Version).Distinct().Count() != scripts.Count)
            throw new InvalidOperationException($"Two migrations for '{provider}' share a version.");
        return scripts;
    }

    private static MigrationScript Load(Assembly assembly, string resource, string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        var separator = name.IndexOf('_');
        if (separator <= 0 || !int.TryParse(name[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            throw new InvalidOperationException($"Migration '{fileName}' must be named NNN_description.sql.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new MigrationScript(version, name, reader.ReadToEnd());
    }
}
