using System.Runtime.InteropServices;

namespace SmartTrader.Runtime.Storage.Sqlite;

/// <summary>
/// Chooses the native SQLite library. The one bundled with SQLitePCLRaw 2.0.6 is built without usleep, so SQLite's
/// short internal waits (retries on the WAL index, busy waits) round up to a whole second: under concurrent reads
/// and writes, commits and reads stalled for exactly 1 s. The platform's libsqlite3 exports the same API and sleeps
/// properly, so the provider's imports go to it when it is installed, and to the bundled library otherwise.
/// </summary>
internal static class SqliteNativeLibrary
{
    private const string BundledName = "e_sqlite3";
    private const string PlatformLibrary = "libsqlite3.so.0";
    private static readonly Lazy<string> Loaded = new(Initialize);

    /// <summary>Which library serves SQLite calls in this process; initializes it on first use.</summary>
    public static string Source => Loaded.Value;

    private static string Initialize()
    {
        var source = $"bundled {BundledName}";
        NativeLibrary.SetDllImportResolver(typeof(SQLitePCL.SQLite3Provider_e_sqlite3).Assembly, (name, _, _) =>
        {
            if (name != BundledName || !OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(PlatformLibrary, out var handle))
                return IntPtr.Zero;
            source = PlatformLibrary;
            return handle;
        });
        SQLitePCL.Batteries.Init();
        SQLitePCL.raw.sqlite3_libversion_number();
        return source;
    }
}
