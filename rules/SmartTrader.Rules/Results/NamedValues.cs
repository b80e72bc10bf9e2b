using System.Diagnostics.CodeAnalysis;

namespace SmartTrader.Rules.Results;

/// <summary>A read-only name-to-value view over two parallel arrays; cheaper than a dictionary for a handful of inputs.</summary>
internal sealed class NamedValues(string[] names, object?[] values) : IReadOnlyDictionary<string, object?>
{
    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => names;

    public IEnumerable<object?> Values => values;

    public int Count => names.Length;

    public bool ContainsKey(string key) => Array.IndexOf(names, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var index = Array.IndexOf(names, key);
        value = index >= 0 ? values[index] : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < names.Length; i++) yield return new(names[i], values[i]);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
