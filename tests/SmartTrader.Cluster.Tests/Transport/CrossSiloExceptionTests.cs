using SmartTrader.Runtime.Cluster;
using SmartTrader.Runtime.Storage;

namespace SmartTrader.Cluster.Tests.Transport;

[Collection(ThreeSilosCollection.Name)]
public class CrossSiloExceptionTests(ThreeSilos cluster)
{
    private IFailingGrain OnB => cluster.A.Grains.GetGrain<IFailingGrain>("b:failing");

    [Fact]
    public async Task A_known_framework_exception_comes_back_as_its_own_type_with_its_message()
    {
        var thrown = await FluentActions.Awaiting(() => OnB.Throw("argument")).Should().ThrowExactlyAsync<ArgumentOutOfRangeException>();
        thrown.Which.Message.Should().Be(new ArgumentOutOfRangeException("quantity", "Quantity must be positive.").Message);
    }

    [Fact]
    public async Task The_inner_exception_comes_back_with_its_type_and_message()
    {
        var thrown = await FluentActions.Awaiting(() => OnB.ThrowAfterAwait("inner")).Should().ThrowExactlyAsync<InvalidOperationException>();
        thrown.Which.Message.Should().Be("Could not price the order.");
        var inner = thrown.Which.InnerException.Should().BeOfType<RemoteGrainException>().Subject;
        inner.RemoteType.Should().Be(typeof(FormatException).FullName);
        inner.Message.Should().Be("Price '1,2.3' is not a number.");
    }

    [Fact]
    public async Task An_exception_with_a_registered_codec_keeps_its_extra_data()
    {
        var thrown = await FluentActions.Awaiting(() => OnB.Throw("refused")).Should().ThrowExactlyAsync<OrderRefusedException>();
        thrown.Which.Message.Should().Be("The rules do not validate.");
        thrown.Which.Kind.Should().Be(RefusalKind.InvalidRules);
        thrown.Which.Diagnostics.Should().Equal(
            new RefusalDiagnostic("max-notional", 3, "Unknown identifier 'notionl'."), new RefusalDiagnostic("pdt", 7, "Missing ')'."));
    }

    [Fact]
    public async Task An_allowed_application_exception_is_rebuilt_from_its_message()
    {
        var thrown = await FluentActions.Awaiting(() => OnB.ThrowAfterAwait("quota")).Should().ThrowExactlyAsync<QuotaExceededException>();
        thrown.Which.Message.Should().Be("At most 5 orders per second.");
    }

    [Fact]
    public async Task A_storage_failure_comes_back_as_itself_so_the_caller_can_tell_the_database_did_not_answer()
    {
        var thrown = await FluentActions.Awaiting(() => OnB.Throw("storage")).Should().ThrowExactlyAsync<GrainStorageException>();
        thrown.Which.Message.Should().Be("Grain storage (PostgreSQL) could not read 'account/a-1': connection refused.");
        thrown.Which.InnerException.Should().BeOfType<RemoteGrainException>().Which.RemoteType.Should().Be(typeof(TimeoutException).FullName);
    }

    [Fact]
    public async Task An_unknown_exception_type_arrives_as_a_remote_grain_exception_naming_it()
    {
        var thrown = await FluentActions.Awaiting(() => OnB.Throw("unregistered")).Should().ThrowExactlyAsync<RemoteGrainException>();
        thrown.Which.RemoteType.Should().Be(typeof(UnregisteredException).FullName);
        thrown.Which.Message.Should().Be("Something only this silo understands.");
    }

    [Fact]
    public async Task The_callee_stack_trace_does_not_travel()
    {
        var thrown = await FluentActions.Awaiting(() => OnB.ThrowAfterAwait("unregistered")).Should().ThrowAsync<RemoteGrainException>();
        thrown.Which.ToString().Should().NotContain(nameof(FailingGrain));
        thrown.Which.StackTrace.Should().NotContain(nameof(FailingGrain));
    }

    [Fact]
    public async Task An_exception_passed_on_by_a_middle_silo_keeps_the_original_type_name()
    {
        var relayed = cluster.A.Grains.GetGrain<IRelayGrain>("b:relay");
        var thrown = await FluentActions.Awaiting(() => relayed.CallFailing("c:failing", "unregistered")).Should().ThrowExactlyAsync<RemoteGrainException>();
        thrown.Which.RemoteType.Should().Be(typeof(UnregisteredException).FullName);
    }
}
