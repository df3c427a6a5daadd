using System.Text.Json;

namespace Gateway.Console;

/// <summary>What the applicant submitted for a decision, and the loan outcome reported for it, if any.</summary>
public sealed record ApplicationDocument(Guid DecisionId, JsonElement Application, LoanOutcomeDocument? LoanOutcome);

/// <summary>A reported loan outcome: repaid, defaulted or charged_off, observed on a day (yyyy-MM-dd).</summary>
public sealed record LoanOutcomeDocument(string Outcome, string ObservedAt);
