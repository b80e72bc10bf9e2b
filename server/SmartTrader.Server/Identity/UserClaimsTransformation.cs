using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace SmartTrader.Server.Identity;

/// <summary>Replaces the signed-in identity with the user's current roles and grants; a stale session becomes anonymous.</summary>
internal sealed class UserClaimsTransformation(UserAccessCache access) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not { IsAuthenticated: true, Name: { } userName } identity || principal.IsResolved())
            return principal;
        var sessionVersion = principal.FindFirstValue(UserClaims.Session);
        var user = int.TryParse(sessionVersion, out var version) ? await access.ResumeAsync(userName, version) : null;
        return user is null ? new ClaimsPrincipal(new ClaimsIdentity()) : UserClaims.Resolve(user, sessionVersion!, identity.AuthenticationType);
    }
}
