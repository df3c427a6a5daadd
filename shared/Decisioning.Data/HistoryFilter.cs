namespace Decisioning.Data;

/// <summary>
/// The filters of a history query, already validated. Times are UTC; <see cref="To"/> is exclusive.
/// Null members do not filter.
/// </summary>
public sealed record HistoryFilter(
    DateTime From,
    DateTime To,
    string? Outcome = null,
    string? Product = null,
    string? Grade = null,
    string? ModelVersion = null,
    string? PolicyVersion = null,
    double? MinPd = null,
    double? MaxPd = null,
    string? ApplicationId = null,
    string? Reason = null);
