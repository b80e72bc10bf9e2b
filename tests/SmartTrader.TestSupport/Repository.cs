namespace SmartTrader.TestSupport;

/// <summary>The checkout the tests were built from.</summary>
public static class Repository
{
    /// <summary>The folder holding SmartTrader.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmartTrader.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("SmartTrader.sln not found above " + AppContext.BaseDirectory);
    }
}
