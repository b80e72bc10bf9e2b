namespace SmartTrader.Runtime.Tests.Runtime;

/// <summary>
/// A grain on every silo has one activation per silo, so it can neither keep state of record nor follow another
/// grain's placement. The classes here do not derive from Grain, so no silo in this assembly registers them.
/// </summary>
public sealed class OnEverySiloRulesTests
{
    [Fact]
    public void A_grain_on_every_silo_with_persistent_state_is_refused_by_name()
    {
        FluentActions.Invoking(() => new GrainClassInfo(typeof(StatefulEverywhere)))
            .Should().Throw<InvalidOperationException>().WithMessage("*StatefulEverywhere*OnEverySilo*cannot have persistent state*");
    }

    [Fact]
    public void A_grain_on_every_silo_placed_with_another_is_refused_by_name()
    {
        FluentActions.Invoking(() => new GrainClassInfo(typeof(PlacedEverywhere)))
            .Should().Throw<InvalidOperationException>().WithMessage("*PlacedEverywhere*OnEverySilo*cannot be*PlaceWith*");
    }

    [OnEverySilo]
    private sealed class StatefulEverywhere([PersistentState("s")] IPersistentState<int> state)
    {
        public IPersistentState<int> State { get; } = state;
    }

    [OnEverySilo, PlaceWith("counter", '.')]
    private sealed class PlacedEverywhere;
}
