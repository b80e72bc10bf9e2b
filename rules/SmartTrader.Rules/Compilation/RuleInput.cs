namespace SmartTrader.Rules.Compilation;

/// <summary>A named, typed input that rule expressions refer to by <see cref="Name"/>.</summary>
public sealed record RuleInput(string Name, Type Type);
