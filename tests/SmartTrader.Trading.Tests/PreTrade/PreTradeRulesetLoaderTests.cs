using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using SmartTrader.Runtime;
using SmartTrader.Trading.PreTrade;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Trading.Tests.PreTrade;

public class PreTradeRulesetLoaderTests
{
    [Fact]
    public async Task A_ruleset_without_versions_is_seeded_with_the_shipped_rules_and_activated()
    {
        var (grain, recorder) = RecordingRulesetGrain.Create(active: null);
        var activations = new RecordingActivations();

        await new PreTradeRulesetLoader(new OneGrainFactory(grain), activations, NullLogger<PreTradeRulesetLoader>.Instance)
            .StartAsync(CancellationToken.None);

        recorder.Seeds.Should().Equal((ShippedRulesets.PreTrade, "rules/rulesets/pre-trade.json"));
        activations.Published.Should().ContainSingle().Which.Content.Should().Be(ShippedRulesets.PreTrade);
    }

    [Fact]
    public async Task The_stored_active_version_is_activated_and_nothing_is_seeded()
    {
        var stored = PreTradeVersions.Of(PreTradeVersions.ShippedWith("MaxOrderQuantity", "order.Quantity <= 5"), version: 7);
        var (grain, recorder) = RecordingRulesetGrain.Create(stored);
        var activations = new RecordingActivations();

        await new PreTradeRulesetLoader(new OneGrainFactory(grain), activations, NullLogger<PreTradeRulesetLoader>.Instance)
            .StartAsync(CancellationToken.None);

        recorder.Seeds.Should().BeEmpty();
        activations.Published.Should().Equal(stored);
    }

    [Fact]
    public void The_shipped_rules_are_embedded_and_name_the_pre_trade_workflow() =>
        ShippedRulesets.PreTrade.Should().Contain("\"WorkflowName\": \"pre-trade\"");

    /// <summary>
    /// The two calls the loader makes, answered in memory. A proxy rather than a class implementing the interface, so
    /// that the ruleset grain's governance methods need no stubs here.
    /// </summary>
    public class RecordingRulesetGrain : DispatchProxy
    {
        private ActiveRuleset? _active;

        public List<(string Content, string Source)> Seeds { get; } = [];

        public static (IRulesetGrain Grain, RecordingRulesetGrain Recorder) Create(ActiveRuleset? active)
        {
            var grain = DispatchProxy.Create<IRulesetGrain, RecordingRulesetGrain>();
            var recorder = (RecordingRulesetGrain)(object)grain;
            recorder._active = active;
            return (grain, recorder);
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            switch (method?.Name)
            {
                case nameof(IRulesetGrain.GetActive):
                    return Task.FromResult(_active);
                case nameof(IRulesetGrain.SeedIfEmpty):
                    var (content, source) = ((string)args![0]!, (string)args[1]!);
                    Seeds.Add((content, source));
                    _active ??= PreTradeVersions.Of(content, version: 1);
                    return Task.FromResult(_active);
                default:
                    throw new NotSupportedException($"The loader has no business calling {method?.Name}.");
            }
        }
    }

    private sealed class OneGrainFactory(IRulesetGrain grain) : IGrainFactory
    {
        public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
        {
            key.Should().Be(PreTradeRuleset.Name);
            return (TGrainInterface)grain;
        }
    }

    private sealed class RecordingActivations : IRulesetActivations
    {
        public List<ActiveRuleset> Published { get; } = [];

        public void Publish(ActiveRuleset active) => Published.Add(active);
    }
}
