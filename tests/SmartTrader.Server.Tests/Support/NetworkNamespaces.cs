namespace SmartTrader.Server.Tests.Support;

/// <summary>
/// Whether this machine can run tests that build hosts out of network namespaces (<c>ip netns</c>: Linux, as root).
/// Where it cannot, such a test is skipped with the reason, except under CI (<c>CI=true</c>), where it runs and fails
/// saying why: there, a fault test that did not run must never look like one that passed.
/// </summary>
public static class NetworkNamespaces
{
    public static string? Unavailable { get; } =
        !OperatingSystem.IsLinux() ? "network namespaces exist on Linux only"
        : !Environment.IsPrivilegedProcess ? $"ip netns needs root, and the tests run as {Environment.UserName}"
        : null;

    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails the test when namespaces are unavailable (reached only under CI: elsewhere the test was skipped).</summary>
    public static void Require()
    {
        if (Unavailable is { } reason)
            Assert.Fail($"CI=true and this test needs network namespaces, but {reason}. Run the test command as root, as .ci/run does.");
    }
}

/// <summary>A fact that needs <see cref="NetworkNamespaces"/>: skipped with the reason where they are unavailable, unless CI=true.</summary>
public sealed class NetworkNamespaceFactAttribute : FactAttribute
{
    public NetworkNamespaceFactAttribute()
    {
        if (NetworkNamespaces.Unavailable is { } reason && !NetworkNamespaces.RequiredByCi)
            Skip = $"{reason} (with CI=true this is a failure instead).";
    }
}
