namespace Decisioning.Data;

/// <summary>What recording one outcome did: "recorded", "unchanged", "updated" or "not_found".</summary>
public sealed record LoanOutcomeResult(int Index, string Status, Guid? DecisionId);
