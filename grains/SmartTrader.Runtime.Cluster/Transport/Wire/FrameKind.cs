namespace SmartTrader.Runtime.Cluster;

/// <summary>The first byte of every frame's body. See docs/cluster-transport.md for each layout.</summary>
internal enum FrameKind : byte
{
    Request = 1,
    Response = 2,
    Cancel = 3,
    Ping = 4,
    Pong = 5,

    /// <summary>A silo asks another to re-read the membership table now; answered with a pong once it has read it, or not serving when its read failed.</summary>
    RereadMembership = 6,
}

/// <summary>How a request or ping was answered.</summary>
internal enum ResponseStatus : byte
{
    Ok = 0,
    Exception = 1,
    NotThisSilo = 2,

    /// <summary>
    /// Pongs only: this is the silo asked for, alive, but not serving (its lease lapsed, or it was fenced), or, asked to
    /// re-read the membership table, its read failed.
    /// </summary>
    NotServing = 3,

    /// <summary>
    /// Responses only: as <see cref="Ok"/>, but this silo passed the call on to the silo that hosts the grain, whose
    /// address comes before the result; the caller sends the grain's next calls there.
    /// </summary>
    OkHeldElsewhere = 4,
}
