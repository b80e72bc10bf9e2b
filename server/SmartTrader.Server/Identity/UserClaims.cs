using System.Security.Claims;

namespace SmartTrader.Server.Identity;

/// <summary>
/// A sign-in carries only the user name and session version; roles are read from the user grain on every request
/// (<see cref="UserClaimsTransformation"/>) and grants are asked of it per account (<see cref="AccountAccess"/>), so
/// changes and revocations apply at once.
/// </summary>
public static class UserClaims
{
    public const string Session = "smarttrader:session";
    private const string Resolved = "smarttrader:resolved";

    public static ClaimsPrincipal ForSignIn(UserSession session, string authenticationType) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, session.User.UserName), new Claim(Session, session.SessionVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            authenticationType));

    public static ClaimsPrincipal Resolve(UserView user, string sessionVersion, string? authenticationType)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, user.UserName), new(Session, sessionVersion), new(Resolved, "true") };
        claims.AddRange(user.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static bool IsResolved(this ClaimsPrincipal principal) => principal.HasClaim(c => c.Type == Resolved);

    public static string UserName(this ClaimsPrincipal principal) =>
        principal.Identity?.Name ?? throw new InvalidOperationException("The caller is not signed in.");

    public static IEnumerable<string> RolesOf(this ClaimsPrincipal principal) =>
        principal.FindAll(ClaimTypes.Role).Select(c => c.Value);
}
