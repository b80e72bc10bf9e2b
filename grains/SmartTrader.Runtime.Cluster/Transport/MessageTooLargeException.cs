namespace SmartTrader.Runtime.Cluster;

/// <summary>
/// A grain call's arguments, or its result, make a frame larger than <see cref="ClusterTransportOptions.MaxFrameBytes"/>,
/// which the receiving silo would refuse. The frame is not sent and only this call fails; the connection and the other
/// calls on it carry on. The message says whether the grain method ran.
/// </summary>
public sealed class MessageTooLargeException(string message) : Exception(message);
