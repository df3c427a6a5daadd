using System.Diagnostics.Metrics;
using Decisioning.Contracts.Scoring.V1;
using Decisioning.ServiceDefaults.Metrics;

namespace CreditScoring.Scoring;

// How fast the model scores and what it says: the distribution of PD and grades shows drift at a glance.
public sealed class ScoringMetrics
{
    public const string MeterName = "Decisioning.CreditScoring";

    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _probabilityOfDefault;
    private readonly Counter<long> _grades;

    public ScoringMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _duration = meter.CreateHistogram("decisioning.model.score", "s", "Time to score one application, by model version.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = HistogramBuckets.Latency });
        _probabilityOfDefault = meter.CreateHistogram("decisioning.model.pd", unit: "1", "Probability of default the model gave, by model version.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = HistogramBuckets.Probability });
        _grades = meter.CreateCounter<long>("decisioning.model.grade", description: "Risk grades the model gave, by model version and grade.");
    }

    public void RecordScore(ScoreResponse response, TimeSpan elapsed)
    {
        var version = new KeyValuePair<string, object?>("model_version", response.ModelVersion);
        _duration.Record(elapsed.TotalSeconds, version);
        _probabilityOfDefault.Record(response.Pd, version);
        _grades.Add(1, version, new KeyValuePair<string, object?>("grade", response.Grade));
    }
}
