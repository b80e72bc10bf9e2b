namespace SmartTrader.Rules.Compilation;

public sealed class RulesCompilerOptions
{
    /// <summary>How long one evaluation of a workflow may run before it is stopped and reported.</summary>
    public TimeSpan EvaluationTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Compiled workflows kept in memory, keyed by content hash and input types.</summary>
    public int CacheCapacity { get; set; } = 64;
}
