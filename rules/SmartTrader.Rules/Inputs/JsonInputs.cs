using System.Text.Json;
using SmartTrader.Rules.Compilation;

namespace SmartTrader.Rules.Inputs;

/// <summary>
/// Turns JSON samples into typed rule inputs: a class is generated for each input's shape (numbers with a
/// fraction become decimal, whole numbers long) and the sample is read into it.
/// </summary>
public static class JsonInputs
{
    public static (IReadOnlyList<RuleInput> Inputs, object?[] Values) Bind(IReadOnlyList<(string Name, JsonElement Value)> samples) =>
        throw new NotImplementedException();
}
