namespace SmartTrader.Runtime.Storage;

/// <summary>Wraps a provider's driver failures into <see cref="GrainStorageException"/>.</summary>
internal static class StorageCall
{
    public static async Task<T> RunAsync<T>(string provider, string what, Func<Task<T>> call, Func<Exception, bool> isDriverFailure)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (isDriverFailure(exception))
        {
            throw Failure(provider, what, exception);
        }
    }

    /// <summary>For hot paths that catch themselves, so the description is built only when the call fails.</summary>
    public static GrainStorageException Failure(string provider, string what, Exception exception) =>
        new($"Grain storage ({provider}) could not {what}: {exception.Message}", exception);

    public static Task RunAsync(string provider, string what, Func<Task> call, Func<Exception, bool> isDriverFailure) =>
        RunAsync(provider, what, async () => { await call(); return true; }, isDriverFailure);
}
