using SmartTrader.Runtime.Storage.Sqlite;

namespace SmartTrader.Runtime.Tests.Storage;

/// <summary>
/// Tests that open raw SQLite connections call this first. The storage layer points the SQLite driver at the
/// platform library before its first native call; a raw connection opened earlier would bind some functions to the
/// bundled library and the rest to the platform one, and mixing the two on one handle crashes the process.
/// </summary>
internal static class SqliteFirst
{
    public static void ChooseNativeLibrary() => _ = SqliteNativeLibrary.Source;
}
