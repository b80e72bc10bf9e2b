namespace SmartTrader.Server.Hosting;

/// <summary>
/// A directory for what only this server may read (the embedded database, session keys). Each directory it has to
/// create on the way, parents included, is owner-only (0700); one that already exists keeps its permissions.
/// </summary>
public static class PrivateDirectory
{
    public static DirectoryInfo Create(string path)
    {
        if (OperatingSystem.IsWindows()) return Directory.CreateDirectory(path);
        var parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (parent is not null && !Directory.Exists(parent)) Create(parent);
        return Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
