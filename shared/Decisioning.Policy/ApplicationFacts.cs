namespace Decisioning.Policy;

/// <summary>The facts of an application that the policy's rules read.</summary>
public sealed record ApplicationFacts(string Product, decimal Amount, int TermMonths, int Age, string Employment, int InstallmentRatePct);
