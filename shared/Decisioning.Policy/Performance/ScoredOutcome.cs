namespace Decisioning.Policy.Performance;

/// <summary>One scored loan whose outcome is known: the model's PD and grade, and whether it went bad (defaulted or charged off).</summary>
public sealed record ScoredOutcome(double ProbabilityOfDefault, string Grade, bool Bad);
