using SmartTrader.TestSupport;

namespace SmartTrader.Runtime.Tests.Storage;

public sealed class ReminderTableConformanceTests(StorageDatabases databases) : IClassFixture<StorageDatabases>
{
    public static TheoryData<StorageKind> Kinds => StorageKinds.Both;

    private static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 30, 15, 123, TimeSpan.FromHours(2));

    [Theory, MemberData(nameof(Kinds))]
    public async Task Upsert_read_and_remove(StorageKind kind)
    {
        var reminders = databases.OpenReminders(kind);
        var grain = new GrainId("Portfolio" + Guid.NewGuid().ToString("N")[..8], "alice");
        var other = new GrainId(grain.Type, "bob");

        await reminders.UpsertAsync(new ReminderEntry(grain, "rebalance", Start, TimeSpan.FromMinutes(5)));
        await reminders.UpsertAsync(new ReminderEntry(grain, "audit", Start, TimeSpan.FromHours(1)));
        await reminders.UpsertAsync(new ReminderEntry(other, "audit", Start, TimeSpan.FromHours(1)));
        await reminders.UpsertAsync(new ReminderEntry(grain, "rebalance", Start.AddMinutes(1), TimeSpan.FromSeconds(30)));

        var forGrain = await reminders.ReadForGrainAsync(grain);
        forGrain.Should().Equal(
            new ReminderEntry(grain, "audit", Start, TimeSpan.FromHours(1)),
            new ReminderEntry(grain, "rebalance", Start.AddMinutes(1), TimeSpan.FromSeconds(30)));
        forGrain[1].StartAt.Should().Be(Start.AddMinutes(1));

        var all = await reminders.ReadRangeAsync(0, uint.MaxValue);
        all.Where(r => r.GrainId.Type == grain.Type).Should().HaveCount(3);
        all.Select(r => r.GrainHash).Should().BeInAscendingOrder();

        var onlyAlice = await reminders.ReadRangeAsync(grain.StableHash(), grain.StableHash());
        onlyAlice.Where(r => r.GrainId.Type == grain.Type).Select(r => r.GrainId).Should().AllBeEquivalentTo(grain).And.HaveCount(2);

        (await reminders.RemoveAsync(grain, "audit")).Should().BeTrue();
        (await reminders.RemoveAsync(grain, "audit")).Should().BeFalse();
        (await reminders.ReadForGrainAsync(grain)).Select(r => r.Name).Should().Equal("rebalance");
        (await reminders.ReadForGrainAsync(other)).Should().ContainSingle();
    }

    [Theory, MemberData(nameof(Kinds))]
    public async Task A_range_that_wraps_around_the_ring_covers_both_ends(StorageKind kind)
    {
        var reminders = databases.OpenReminders(kind);
        var type = "Wrap" + Guid.NewGuid().ToString("N")[..8];
        var grains = Enumerable.Range(0, 40).Select(i => new GrainId(type, $"g{i}")).ToList();
        foreach (var grain in grains) await reminders.UpsertAsync(new ReminderEntry(grain, "tick", Start, TimeSpan.FromMinutes(1)));
        var hashes = grains.Select(g => g.StableHash()).Order().ToList();
        uint begin = hashes[30], end = hashes[10];

        var wrapped = (await reminders.ReadRangeAsync(begin, end)).Where(r => r.GrainId.Type == type).Select(r => r.GrainId);

        var expected = grains.Where(g => g.StableHash() >= begin || g.StableHash() <= end).ToList();
        expected.Should().HaveCount(21);
        wrapped.Should().BeEquivalentTo(expected);
    }
}
