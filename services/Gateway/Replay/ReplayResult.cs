namespace Gateway.Replay;

public abstract record ReplayResult
{
    // Json is the ReplayDocument as the response carries it.
    public sealed record Replayed(string Json) : ReplayResult;

    public sealed record NotFound : ReplayResult;

    // A version that does not exist (any more): the field it came from, and which versions do.
    public sealed record UnknownVersion(string Field, string Detail) : ReplayResult;

    // The stored application is outside what the chosen model accepts.
    public sealed record NotReplayable(string Detail) : ReplayResult;

    public sealed record Unavailable(string Status) : ReplayResult;
}
