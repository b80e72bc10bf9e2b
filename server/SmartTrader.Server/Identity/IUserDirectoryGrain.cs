using System.Collections.Immutable;
using SmartTrader.Runtime;

namespace SmartTrader.Server.Identity;

/// <summary>Key: "all". The names of every user, for administrators.</summary>
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    Task Register(string userName);

    Task<ImmutableArray<string>> List();
}
