using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using SmartTrader.Runtime;
using SmartTrader.Server.Hosting;
using SmartTrader.Server.Identity;
using SmartTrader.Server.Tests.Support;

namespace SmartTrader.Server.Tests;

/// <summary>A silo's copy of sessions and grants, against a user grain that counts the questions it is asked.</summary>
public sealed class UserAccessCacheTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);
    private readonly StepClock _clock = new();
    private readonly CountingUser _user = new(sessionVersion: 3, ["acc-1", "acc-2"]);
    private readonly UserAccessCache _cache;

    public UserAccessCacheTests() =>
        _cache = new UserAccessCache(new OneUser(_user), _clock, Options.Create(new SmartTraderOptions { Auth = { AccessCacheDuration = Duration } }));

    [Fact]
    public async Task A_resumed_session_and_its_grants_are_answered_from_the_copy_until_it_expires()
    {
        (await _cache.ResumeAsync("u", 3)).Should().NotBeNull();
        (await _cache.ResumeAsync("u", 3)).Should().NotBeNull();
        (await _cache.HasGrantAsync("u", "acc-2")).Should().BeTrue();
        _user.Questions.Should().Be(1);

        _clock.Advance(Duration);
        (await _cache.HasGrantAsync("u", "acc-2")).Should().BeTrue();
        (await _cache.ResumeAsync("u", 3)).Should().NotBeNull();
        _user.Questions.Should().Be(3, "an expired copy answers nothing");
    }

    [Fact]
    public async Task Refusals_and_grants_the_copy_does_not_list_are_always_asked_of_the_user_grain()
    {
        (await _cache.ResumeAsync("u", 2)).Should().BeNull();
        (await _cache.ResumeAsync("u", 2)).Should().BeNull();
        (await _cache.ResumeAsync("u", 3)).Should().NotBeNull();
        _user.Accounts = ["acc-1", "acc-2", "acc-3"];
        (await _cache.HasGrantAsync("u", "acc-3")).Should().BeTrue("a new grant counts at once");
        _user.Questions.Should().Be(4);
    }

    [Fact]
    public async Task A_dropped_user_is_asked_again_and_an_answer_on_its_way_during_the_drop_is_not_kept()
    {
        (await _cache.ResumeAsync("u", 3)).Should().NotBeNull();
        _cache.Drop("u");
        _user.Accounts = ["acc-1"];
        (await _cache.HasGrantAsync("u", "acc-2")).Should().BeFalse();

        var late = new TaskCompletionSource();
        _user.Hold = late.Task;
        var resuming = _cache.ResumeAsync("u", 3);
        _cache.Drop("u");
        late.SetResult();
        (await resuming).Should().NotBeNull("the request that asked still gets its answer");
        _user.Hold = null;
        var before = _user.Questions;
        await _cache.ResumeAsync("u", 3);
        _user.Questions.Should().Be(before + 1, "the answer that crossed the drop was not kept");
    }

    private sealed class OneUser(IUserGrain user) : IGrainFactory
    {
        public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey => (TGrainInterface)user;
    }

    private sealed class CountingUser(int sessionVersion, ImmutableArray<string> accounts) : IUserGrain
    {
        public int Questions { get; private set; }
        public ImmutableArray<string> Accounts { get; set; } = accounts;
        public Task? Hold { get; set; }

        public async Task<UserView?> Resume(int version)
        {
            Questions++;
            var view = version == sessionVersion ? new UserView("u", ["trader"], Accounts, false, DateTimeOffset.UnixEpoch) : null;
            if (Hold is { } hold) await hold;
            return view;
        }

        public Task<bool> HasGrant(string account)
        {
            Questions++;
            return Task.FromResult(Accounts.Contains(account));
        }

        public Task<UserView> Create(string password, ImmutableArray<string> roles) => throw new NotSupportedException();
        public Task<UserView?> Get() => throw new NotSupportedException();
        public Task<UserSession?> SignIn(string password) => throw new NotSupportedException();
        public Task EndSessions() => throw new NotSupportedException();
        public Task<UserView> GrantAccount(string account) => throw new NotSupportedException();
        public Task<UserView> RevokeAccount(string account) => throw new NotSupportedException();
        public Task<UserView> SetDisabled(bool disabled) => throw new NotSupportedException();
    }
}
