using SmartTrader.Runtime;
using SmartTrader.Runtime.Storage;

namespace SmartTrader.Cluster.Tests.Transport;

public interface IFailingGrain : IGrainWithStringKey
{
    Task Throw(string what);
    Task<int> ThrowAfterAwait(string what);
}

public sealed class FailingGrain : Grain, IFailingGrain
{
    public Task Throw(string what) => throw Create(what);

    public async Task<int> ThrowAfterAwait(string what)
    {
        await Task.Yield();
        throw Create(what);
    }

    private static Exception Create(string what) => what switch
    {
        "argument" => new ArgumentOutOfRangeException("quantity", "Quantity must be positive."),
        "inner" => new InvalidOperationException("Could not price the order.", new FormatException("Price '1,2.3' is not a number.")),
        "refused" => new OrderRefusedException(RefusalKind.InvalidRules, "The rules do not validate.",
            [new RefusalDiagnostic("max-notional", 3, "Unknown identifier 'notionl'."), new RefusalDiagnostic("pdt", 7, "Missing ')'.")]),
        "quota" => new QuotaExceededException("At most 5 orders per second."),
        "unregistered" => new UnregisteredException("Something only this silo understands."),
        "storage" => new GrainStorageException("Grain storage (PostgreSQL) could not read 'account/a-1': connection refused.",
            new TimeoutException("The database did not answer.")),
        _ when what.StartsWith("long ", StringComparison.Ordinal) => new InvalidOperationException(new string('m', int.Parse(what[5..]))),
        _ => new NotSupportedException(what),
    };
}
