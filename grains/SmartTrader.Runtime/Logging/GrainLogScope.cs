using System.Collections;

namespace SmartTrader.Runtime;

/// <summary>
/// The logging scope of an activation's turns: the grain id, and the correlation id of the call being served
/// (read from <see cref="RequestContext"/> when the scope is rendered, so one instance serves every turn).
/// </summary>
internal sealed class GrainLogScope(GrainId grainId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("GrainId", grainId.ToString()),
        1 => new("CorrelationId", RequestContext.CorrelationId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => RequestContext.CorrelationId is { } correlationId
        ? $"GrainId:{grainId} CorrelationId:{correlationId}"
        : $"GrainId:{grainId}";
}
