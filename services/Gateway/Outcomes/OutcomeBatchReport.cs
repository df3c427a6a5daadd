namespace Gateway.Outcomes;

public sealed record OutcomeBatchReport(IReadOnlyList<OutcomeRowReport> Results);
