namespace Decisioning.Data;

/// <summary>
/// One reported loan outcome: the decision it belongs to, named by its id or else by the
/// application (meaning that application's latest decision); <see cref="Index"/> is its row in the batch.
/// </summary>
public sealed record LoanOutcome(int Index, Guid? DecisionId, string? ApplicationId, string Status, DateOnly ObservedAt);
