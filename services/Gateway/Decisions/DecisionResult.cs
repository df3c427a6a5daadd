namespace Gateway.Decisions;

/// <summary>What a POST produced: a new decision, a replay of the stored one, or a key reused for another body.</summary>
public abstract record DecisionResult
{
    // DocumentJson is the document as stored, byte for byte what the response carries.
    public sealed record Created(Guid DecisionId, string DocumentJson) : DecisionResult;

    public sealed record Replayed(string DocumentJson) : DecisionResult;

    public sealed record KeyConflict : DecisionResult;
}
