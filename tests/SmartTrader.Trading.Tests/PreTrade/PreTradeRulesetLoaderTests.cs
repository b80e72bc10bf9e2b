using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using SmartTrader.Runtime;
using SmartTrader.Trading.PreTrade;
using SmartTrader.Trading.Rulesets;

namespace SmartTrader.Trading.Tests.PreTrade;

public class PreTradeRulesetLoaderTests
{
    [Fact]
    public async Task Rulesets_without_versions_are_seeded_with_the_shipped_rules_and_the_injected_ones_published_first()
    {
        var grains = new RecordingGrains(_ => null);
        var activations = new RecordingActivations();

        await new PreTradeRulesetLoader(grains, activations, NullLogger<PreTradeRulesetLoader>.Instance).StartAsync(CancellationToken.None);

        grains.Recorders[PreTradeRuleset.Name].Seeds.Should().Equal((ShippedRulesets.PreTrade, "rules/rulesets/pre-trade.json"));
        foreach (var name in ShippedRulesets.InjectedIntoPreTrade)
            grains.Recorders[name].Seeds.Should().Equal((ShippedRulesets.Find(name)!.Content, $"rules/rulesets/{name}.json"));
        grains.SeedOrder.Should().Equal(
            [.. ShippedRulesets.InjectedIntoPreTrade, PreTradeRuleset.Name], "a ruleset grain publishes what it seeds, so the pre-trade ruleset goes last");
        activations.Published.Select(a => a.Ruleset).Should().Equal([.. ShippedRulesets.InjectedIntoPreTrade, PreTradeRuleset.Name]);
        activations.Published[^1].Content.Should().Be(ShippedRulesets.PreTrade);
    }

    [Fact]
    public async Task The_stored_active_versions_are_activated_and_nothing_is_seeded()
    {
        var stored = PreTradeVersions.Of(PreTradeVersions.ShippedWith("MaxOrderQuantity", "order.Quantity <= 5"), version: 7);
        var parts = PreTradeVersions.ShippedParts().Select(p => p with { Version = 3 }).ToDictionary(p => p.Ruleset);
        var grains = new RecordingGrains(name => name == PreTradeRuleset.Name ? stored : parts.GetValueOrDefault(name));
        var activations = new RecordingActivations();

        await new PreTradeRulesetLoader(grains, activations, NullLogger<PreTradeRulesetLoader>.Instance).StartAsync(CancellationToken.None);

        grains.Recorders.Values.SelectMany(r => r.Seeds).Should().BeEmpty();
        activations.Published.Should().Equal([.. parts.Values, stored]);
    }

    [Fact]
    public async Task An_injected_ruleset_that_is_neither_stored_nor_shipped_is_not_published_and_the_rest_are()
    {
        var stored = PreTradeVersions.Of(ShippedRulesets.PreTrade.Replace("\"intraday-margin\"", "\"intraday-margin\", \"firm-extra\"", StringComparison.Ordinal), version: 2);
        var grains = new RecordingGrains(name => name == PreTradeRuleset.Name ? stored : null);
        var activations = new RecordingActivations();

        await new PreTradeRulesetLoader(grains, activations, NullLogger<PreTradeRulesetLoader>.Instance).StartAsync(CancellationToken.None);

        grains.Recorders["firm-extra"].Seeds.Should().BeEmpty();
        activations.Published.Select(a => a.Ruleset).Should().Equal([.. ShippedRulesets.InjectedIntoPreTrade, PreTradeRuleset.Name]);
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

        private string _name = PreTradeRuleset.Name;
        private List<string> _seedOrder = [];

        public static (IRulesetGrain Grain, RecordingRulesetGrain Recorder) Create(ActiveRuleset? active, string name, List<string> seedOrder)
        {
            var grain = DispatchProxy.Create<IRulesetGrain, RecordingRulesetGrain>();
            var recorder = (RecordingRulesetGrain)(object)grain;
            recorder._active = active;
            recorder._name = name;
            recorder._seedOrder = seedOrder;
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
                    if (_active is null) _seedOrder.Add(_name);
                    _active ??= PreTradeVersions.Named(_name, content, version: 1);
                    return Task.FromResult(_active);
                default:
                    throw new NotSupportedException($"The loader has no business calling {method?.Name}.");
            }
        }
    }

    /// <summary>One recording ruleset grain per ruleset name, each starting with the active version <c>activeOf</c> gives.</summary>
    private sealed class RecordingGrains(Func<string, ActiveRuleset?> activeOf) : IGrainFactory
    {
        public Dictionary<string, RecordingRulesetGrain> Recorders { get; } = [];

        /// <summary>The rulesets seeded, in the order they were: each would have published its version on seeding.</summary>
        public List<string> SeedOrder { get; } = [];
        private readonly Dictionary<string, IRulesetGrain> _grains = [];

        public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
        {
            if (!_grains.TryGetValue(key, out var grain))
            {
                (grain, Recorders[key]) = RecordingRulesetGrain.Create(activeOf(key), key, SeedOrder);
                _grains[key] = grain;
            }
            return (TGrainInterface)grain;
        }
    }

    private sealed class RecordingActivations : IRulesetActivations
    {
        public List<ActiveRuleset> Published { get; } = [];

        public void Publish(ActiveRuleset active) => Published.Add(active);
    }
}
