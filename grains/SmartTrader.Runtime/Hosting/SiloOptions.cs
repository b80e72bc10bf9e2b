namespace SmartTrader.Runtime;

/// <summary>Settings of one silo (section "Silo" in configuration).</summary>
public sealed class SiloOptions
{
    /// <summary>Name shown in logs and, in a cluster, in the membership table.</summary>
    public string SiloName { get; set; } = Environment.MachineName;

    /// <summary>Default idle time after which an activation is collected; [CollectionAgeLimit] overrides per type.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A grain call that does not complete within this time fails with a TimeoutException.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the reminder service re-reads the reminder table.</summary>
    public TimeSpan ReminderRefreshPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
