namespace SmartTrader.Server.Tests.Support;

/// <summary>What embedded mode seeds (see DemoData in the server).</summary>
public static class Demo
{
    public const string Account = "demo";
    public const decimal StartingCash = 100_000m;

    public static string PasswordOf(string user) => $"{user}-demo-pass";
}
