namespace Decisioning.Data;

/// <summary>A backtest as stored: what was asked, how far it got, and its result once it succeeded.</summary>
public sealed record BacktestRecord
{
    public Guid BacktestId { get; init; }

    public string Status { get; init; } = "";

    public DateTime RangeFrom { get; init; }

    public DateTime RangeTo { get; init; }

    /// <summary>The history filters as JSON.</summary>
    public string Filters { get; init; } = "{}";

    public string? CandidatePolicyVersion { get; init; }

    public string? CandidateModelVersion { get; init; }

    public long? Total { get; init; }

    public long Processed { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? StartedAt { get; init; }

    public DateTime? FinishedAt { get; init; }

    public string? Error { get; init; }

    /// <summary>The result document as JSON, once the backtest succeeded.</summary>
    public string? Result { get; init; }
}
