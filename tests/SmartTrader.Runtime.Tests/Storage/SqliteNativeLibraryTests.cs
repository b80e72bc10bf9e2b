using SmartTrader.Runtime.Storage.Sqlite;

namespace SmartTrader.Runtime.Tests.Storage;

public sealed class SqliteNativeLibraryTests
{
    /// <summary>
    /// The bundled library sleeps whole seconds on SQLite's internal waits; the test command installs the platform
    /// library, so on Linux it must be the one in use.
    /// </summary>
    [Fact]
    public void The_platform_sqlite_serves_the_provider_on_linux()
    {
        if (!OperatingSystem.IsLinux()) return;
        SqliteNativeLibrary.Source.Should().Be("libsqlite3.so.0");
        SQLitePCL.raw.sqlite3_libversion_number().Should().BeGreaterThanOrEqualTo(3_035_000);
    }
}
