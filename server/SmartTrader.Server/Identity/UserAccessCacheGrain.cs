using SmartTrader.Runtime;

namespace SmartTrader.Server.Identity;

/// <summary>Key: a silo's address. Reaches that silo's <see cref="UserAccessCache"/>.</summary>
public interface IUserAccessCacheGrain : IGrainWithStringKey
{
    Task Drop(string userName);
}

[OnEverySilo, Reentrant]
public sealed class UserAccessCacheGrain(UserAccessCache cache) : Grain, IUserAccessCacheGrain
{
    public Task Drop(string userName)
    {
        cache.Drop(userName);
        return Task.CompletedTask;
    }
}
