namespace Decisioning.Data;

/// <summary>Where a page ended: the last decision's time and id, in the history's newest-first order.</summary>
public readonly record struct HistoryPosition(DateTime DecidedAt, Guid DecisionId);
