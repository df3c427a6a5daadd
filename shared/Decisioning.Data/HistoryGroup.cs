namespace Decisioning.Data;

/// <summary>Aggregates of the decisions that share one value of the grouping.</summary>
public sealed record HistoryGroup(string Key, long Count, double ApprovalRate, double? MeanPd, double? ScoreP10, double? ScoreP50, double? ScoreP90);
