using System.Collections.Concurrent;

namespace SmartTrader.Server.Tests.Support;

/// <summary>
/// What a test's clients sent, per account: every clientOrderId sent, those acknowledged (201, or 200 for a resend
/// of an order that exists), and those refused with an answer saying nothing was done.
/// </summary>
public sealed class OrderLedger
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Outcome>> _accounts = new(StringComparer.Ordinal);

    public enum Outcome { Unknown, Acknowledged, Refused }

    public void Sent(string account, string clientOrderId) => Orders(account).TryAdd(clientOrderId, Outcome.Unknown);

    public void Acknowledged(string account, string clientOrderId) => Orders(account)[clientOrderId] = Outcome.Acknowledged;

    public void Refused(string account, string clientOrderId) => Orders(account)[clientOrderId] = Outcome.Refused;

    public IReadOnlyCollection<string> Accounts => _accounts.Keys.ToList();

    public IReadOnlySet<string> SentTo(string account) => Orders(account).Keys.ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> With(string account, Outcome outcome) =>
        Orders(account).Where(o => o.Value == outcome).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);

    public int Count(Outcome outcome) => _accounts.Values.Sum(orders => orders.Values.Count(o => o == outcome));

    private ConcurrentDictionary<string, Outcome> Orders(string account) =>
        _accounts.GetOrAdd(account, _ => new ConcurrentDictionary<string, Outcome>(StringComparer.Ordinal));
}
