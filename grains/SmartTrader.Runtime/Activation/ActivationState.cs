namespace SmartTrader.Runtime;

internal enum ActivationState
{
    /// <summary>In the catalog, not yet asked to do anything.</summary>
    Created,
    Activating,
    Active,
    Deactivating,
    /// <summary>Gone from the catalog; work sent here goes to a fresh activation.</summary>
    Deactivated,
}
