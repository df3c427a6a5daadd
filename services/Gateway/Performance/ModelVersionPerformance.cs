using Decisioning.Policy.Performance;

namespace Gateway.Performance;

public sealed record ModelVersionPerformance(
    string ModelVersion,
    int Count,
    int BadCount,
    double? BadRate,
    double? Auc,
    double? Ks,
    IReadOnlyList<GradeDefaultRate> DefaultRateByGrade,
    IReadOnlyList<CalibrationBucket> Calibration)
{
    public static ModelVersionPerformance From(string modelVersion, PerformanceReport report) => new(
        modelVersion, report.Count, report.BadCount, report.BadRate, report.Auc, report.Ks, report.DefaultRateByGrade, report.Calibration);
}
