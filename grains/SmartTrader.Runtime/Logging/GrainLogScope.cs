using System.Collections;

namespace SmartTrader.Runtime;

/// <summary>
/// The logging scope of an activation's turns: the grain id, and the correlation id of the call being served when it
/// has one (read from <see cref="RequestContext"/> when the scope is rendered, so one instance serves every turn; a
/// turn without one, such as a timer's or a start-up call's, has no CorrelationId rather than a null one).
/// </summary>
internal sealed class GrainLogScope(GrainId grainId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => RequestContext.CorrelationId is null ? 1 : 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("GrainId", grainId.ToString()),
        1 => new("CorrelationId", RequestContext.CorrelationId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        var correlationId = RequestContext.CorrelationId;
        yield return new("GrainId", grainId.ToString());
        if (correlationId is not null) yield return new("CorrelationId", correlationId);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => RequestContext.CorrelationId is { } correlationId
        ? $"GrainId:{grainId} CorrelationId:{correlationId}"
        : $"GrainId:{grainId}";
}
