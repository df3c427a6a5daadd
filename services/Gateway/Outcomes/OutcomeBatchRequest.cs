namespace Gateway.Outcomes;

public sealed record OutcomeBatchRequest(IReadOnlyList<OutcomeRowRequest?>? Outcomes);
