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
            throw new GrainStorageException($"Grain storage ({provider}) could not {what}: {exception.Message}", exception);
        }
    }

    public static Task RunAsync(string provider, string what, Func<Task> call, Func<Exception, bool> isDriverFailure) =>
        RunAsync(provider, what, async () => { await call(); return true; }, isDriverFailure);
}
