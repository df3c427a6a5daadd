using Decisioning.Data;

namespace Worker.Backtests;

/// <summary>A backtest as a Worker runs it: its selection and its candidate versions.</summary>
public sealed record BacktestJob(string TenantId, Guid BacktestId, HistoryFilter Filter, string? CandidatePolicyVersion, string? CandidateModelVersion);
