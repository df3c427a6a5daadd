using Decisioning.Contracts.Scoring.V1;
using Decisioning.ServiceDefaults.Metrics;
using Prometheus;

namespace CreditScoring.Scoring;

// How fast the model scores and what it says: the distribution of PD and grades shows drift at a glance.
public sealed class ScoringMetrics(IMetricFactory metrics)
{
    private readonly Histogram _duration = metrics.CreateHistogram("decisioning_model_score_seconds", "Time to score one application, by model version.",
        new HistogramConfiguration { LabelNames = ["model_version"], Buckets = [.. HistogramBuckets.Latency] });

    private readonly Histogram _probabilityOfDefault = metrics.CreateHistogram("decisioning_model_pd", "Probability of default the model gave, by model version.",
        new HistogramConfiguration { LabelNames = ["model_version"], Buckets = [.. HistogramBuckets.Probability] });

    private readonly Counter _grades = metrics.CreateCounter("decisioning_model_grade_total", "Risk grades the model gave, by model version and grade.", ["model_version", "grade"]);

    public void RecordScore(ScoreResponse response, TimeSpan elapsed)
    {
        _duration.WithBoundedLabels(response.ModelVersion).Observe(elapsed.TotalSeconds);
        _probabilityOfDefault.WithBoundedLabels(response.ModelVersion).Observe(response.Pd);
        _grades.WithBoundedLabels(response.ModelVersion, response.Grade).Inc();
    }
}
