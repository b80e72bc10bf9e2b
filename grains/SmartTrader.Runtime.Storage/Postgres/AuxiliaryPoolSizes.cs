namespace SmartTrader.Runtime.Storage.Postgres;

/// <summary>
/// The most connections each of a silo's smaller PostgreSQL pools opens, beside the storage pool (whose maximum is the
/// connection string's Maximum Pool Size). Their statements are short and mostly rare: heartbeats, membership and
/// directory rows (a directory write is batched), reminder changes, and the key ring, read at start and when keys roll.
/// A silo opens at most Maximum Pool Size plus their sum (12) connections (docs/operations/cluster.md).
/// </summary>
public static class AuxiliaryPoolSizes
{
    public const int ClusterTables = 8;
    public const int Reminders = 2;
    public const int KeyRing = 2;
}
