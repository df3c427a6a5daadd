namespace Decisioning.Policy.Performance;

/// <summary>
/// How well a model's PDs ranked and matched what happened. <see cref="Auc"/> and <see cref="Ks"/> are
/// null unless there are both good and bad loans; <see cref="BadRate"/> is null for no loans.
/// </summary>
public sealed record PerformanceReport(
    int Count,
    int BadCount,
    double? BadRate,
    double? Auc,
    double? Ks,
    IReadOnlyList<GradeDefaultRate> DefaultRateByGrade,
    IReadOnlyList<CalibrationBucket> Calibration);
