using Xunit;

namespace SmartTrader.TestSupport;

/// <summary>The two storage providers every storage-touching test runs against.</summary>
public enum StorageKind { Sqlite, Postgres }

public static class StorageKinds
{
    public static TheoryData<StorageKind> Both => new() { StorageKind.Sqlite, StorageKind.Postgres };
}
