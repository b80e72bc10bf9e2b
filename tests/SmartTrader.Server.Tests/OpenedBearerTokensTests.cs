using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using SmartTrader.Server.Identity;
using SmartTrader.Server.Tests.Support;

namespace SmartTrader.Server.Tests;

/// <summary>The silo's copy of opened bearer tokens, over a protector that counts what it is asked to open.</summary>
public sealed class OpenedBearerTokensTests
{
    private readonly StepClock _clock = new();
    private readonly CountingProtector _protector = new();
    private readonly OpenedBearerTokens _tokens;

    public OpenedBearerTokensTests() => _tokens = new OpenedBearerTokens(_protector, _clock);

    [Fact]
    public void A_token_is_opened_once_and_each_request_gets_its_own_copy_of_the_ticket()
    {
        var token = _tokens.Protect(Ticket("alice"));

        var first = _tokens.Unprotect(token)!;
        first.Principal.Identities.Single().AddClaim(new Claim("added", "by the first request"));
        first.Properties.Items["touched"] = "yes";
        var second = _tokens.Unprotect(token)!;

        _protector.Opened.Should().Be(1);
        second.Should().NotBeSameAs(first);
        second.Principal.Identity!.Name.Should().Be("alice");
        second.Principal.HasClaim(c => c.Type == "added").Should().BeFalse("one request's changes do not reach another's");
        second.Properties.Items.Should().NotContainKey("touched");
        second.Properties.ExpiresUtc.Should().Be(first.Properties.ExpiresUtc, "the handler still judges the ticket's expiry");
    }

    [Fact]
    public void Tokens_that_do_not_open_are_never_kept()
    {
        _tokens.Unprotect("garbage").Should().BeNull();
        _tokens.Unprotect("garbage").Should().BeNull();
        _protector.Opened.Should().Be(2);
    }

    [Fact]
    public void A_kept_ticket_is_opened_again_once_its_time_is_up()
    {
        var token = _tokens.Protect(Ticket("bob"));
        _tokens.Unprotect(token);
        _clock.Advance(OpenedBearerTokens.KeptFor - TimeSpan.FromSeconds(1));
        _tokens.Unprotect(token);
        _protector.Opened.Should().Be(1);

        _clock.Advance(TimeSpan.FromSeconds(1));
        _tokens.Unprotect(token)!.Principal.Identity!.Name.Should().Be("bob");
        _protector.Opened.Should().Be(2);
    }

    [Fact]
    public void A_full_copy_starts_again_rather_than_growing()
    {
        var tokens = Enumerable.Range(0, OpenedBearerTokens.Capacity + 1).Select(i => _tokens.Protect(Ticket($"u{i}"))).ToList();
        foreach (var token in tokens) _tokens.Unprotect(token);
        _protector.Opened.Should().Be(tokens.Count);

        _tokens.Unprotect(tokens[^1]);
        _tokens.Unprotect(tokens[0]);
        _protector.Opened.Should().Be(tokens.Count + 1, "the last token was kept in the new copy, the first one was not");
    }

    private static AuthenticationTicket Ticket(string user) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user)], "test")),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UnixEpoch.AddHours(1) }, "test");

    /// <summary>Stands in for the data-protection format: a token is an index into the tickets it has protected.</summary>
    private sealed class CountingProtector : ISecureDataFormat<AuthenticationTicket>
    {
        private readonly List<AuthenticationTicket> _tickets = [];
        public int Opened { get; private set; }

        public string Protect(AuthenticationTicket data) => Protect(data, null);

        public string Protect(AuthenticationTicket data, string? purpose)
        {
            _tickets.Add(data);
            return $"t{_tickets.Count - 1}";
        }

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Opened++;
            return protectedText is ['t', .. var index] && int.TryParse(index, out var i) && i < _tickets.Count ? _tickets[i].Clone() : null;
        }
    }
}
