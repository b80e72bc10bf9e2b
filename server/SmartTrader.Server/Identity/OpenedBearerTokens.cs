using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace SmartTrader.Server.Identity;

/// <summary>
/// The bearer tokens this silo has already opened. An API client sends the same token with every request, and opening
/// it (decrypt, check its MAC, deserialize the claims) was the largest part of authenticating one. A token is the same
/// bytes for its whole life, so the ticket it opened to is kept and a copy handed out:
/// <list type="bullet">
/// <item>nothing is decided here: the handler still refuses an expired ticket, and the claims transformation still asks
/// whether its session is current, so a logout or a disabled user is refused at once;</item>
/// <item>only tokens that opened are kept, so garbage tokens cost what they always did;</item>
/// <item>a ticket is kept at most <see cref="KeptFor"/>, which bounds how long a token signed with a data-protection key
/// revoked meanwhile still opens; past <see cref="Capacity"/> tokens the copy starts again empty.</item>
/// </list>
/// </summary>
internal sealed class OpenedBearerTokens(ISecureDataFormat<AuthenticationTicket> protector, TimeProvider time) : ISecureDataFormat<AuthenticationTicket>
{
    public const int Capacity = 10_000;
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Opened> _opened = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => protector.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => protector.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null) return protector.Unprotect(protectedText, purpose);
        if (_opened.TryGetValue(protectedText, out var kept) && time.GetElapsedTime(kept.At) < KeptFor) return kept.Ticket.Clone();

        var ticket = protector.Unprotect(protectedText);
        if (ticket is null) return null;
        if (_opened.Count >= Capacity) _opened.Clear();
        _opened[protectedText] = new Opened(ticket.Clone(), time.GetTimestamp());
        return ticket;
    }

    private sealed record Opened(AuthenticationTicket Ticket, long At);
}
