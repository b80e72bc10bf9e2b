namespace SmartTrader.Runtime;

/// <summary>Marker for grain interfaces. Every method returns Task or Task&lt;T&gt;.</summary>
public interface IGrain;

/// <summary>A grain addressed by a string key, e.g. an account id or a ticker.</summary>
public interface IGrainWithStringKey : IGrain;
