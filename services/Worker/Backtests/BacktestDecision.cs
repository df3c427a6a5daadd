namespace Worker.Backtests;

/// <summary>One side's decision on an application: its outcome and, when it was scored, the PD and grade.</summary>
public sealed record BacktestDecision(string Outcome, double? Pd, string? Grade);
