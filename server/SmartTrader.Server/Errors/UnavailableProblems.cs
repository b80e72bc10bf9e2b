using Npgsql;
using SmartTrader.Runtime.Cluster;
using SmartTrader.Runtime.Storage;
using SmartTrader.Trading;

namespace SmartTrader.Server.Errors;

/// <summary>
/// The failures that pass, which the client should retry (a retryable 503 with Retry-After): the database out of
/// reach, a silo not serving, gone or no longer holding the grain, a call not answered in time, a grain that says it
/// is unavailable. The detail says whether to retry here or at another server, and names no exception, database or
/// silo. An order resent with the same clientOrderId is placed at most once, so each of these is safe to retry.
/// </summary>
internal static class UnavailableProblems
{
    private const string Resend = "An order resent with the same clientOrderId is placed at most once.";

    /// <summary>Title and detail for <paramref name="exception"/>, or null when it is not a failure that passes.</summary>
    /// <param name="cluster">This server's membership, when it is a clustered silo.</param>
    public static (string Title, string Detail)? Describe(Exception exception, IClusterMembership? cluster) => exception switch
    {
        TradingException { Kind: TradingErrorKind.Unavailable } unavailable => ("Unavailable", unavailable.Message),
        GrainStorageException or NpgsqlException => ("Storage unavailable",
            "The database cannot be reached right now, so the request may not have completed. Retry shortly. " + Resend),
        SiloNotServingException or SiloUnavailableException or NotThisSiloException when cluster is { IsServing: false } =>
            ("Cluster unavailable",
                "This server has stopped serving: it cannot reach the cluster's database. Retry at another server, or here " +
                "shortly (it serves again once it reaches the database, unless the cluster has replaced it). " + Resend),
        SiloNotServingException or SiloUnavailableException or NotThisSiloException => ("Cluster unavailable",
            "The server holding this data is not serving right now (it lost contact with the database, stopped answering " +
            "or left the cluster); it serves again, or another server takes the data over, within seconds. Retry shortly. " + Resend),
        TimeoutException => ("Busy", "The server did not answer in time; retry. " + Resend),
        _ => null,
    };
}
