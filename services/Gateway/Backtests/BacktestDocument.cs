using System.Text.Json;

namespace Gateway.Backtests;

public sealed record BacktestDocument(
    Guid Id,
    string Status,
    DateTime From,
    DateTime To,
    JsonElement Filters,
    BacktestCandidate Candidate,
    BacktestProgress Progress,
    DateTime CreatedAt,
    DateTime? FinishedAt,
    string? Error,
    JsonElement? Result);

// etaSeconds: at the pace so far, while running.
public sealed record BacktestProgress(long Processed, long? Total, DateTime? StartedAt, double? EtaSeconds);

public sealed record BacktestListDocument(IReadOnlyList<BacktestDocument> Items);
