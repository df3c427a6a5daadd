namespace Gateway.Decisions;

/// <summary>What a POST produced: a new decision, a replay of the stored one, or a key reused for another body.</summary>
public abstract record DecisionResult
{
    public sealed record Created(DecisionDocument Document) : DecisionResult;

    public sealed record Replayed(string DocumentJson) : DecisionResult;

    public sealed record KeyConflict : DecisionResult;
}
