using System.Diagnostics.Metrics;
using Decisioning.ServiceDefaults.Metrics;
using static Decisioning.ServiceDefaults.UnitTests.TestMeter;

namespace Decisioning.ServiceDefaults.UnitTests;

public class OpenMetricsTests
{
    [Fact]
    public void Counters_gauges_and_histograms_are_written_as_openmetrics_families_ending_with_eof()
    {
        using var test = new TestMeter();
        test.Meter.CreateCounter<long>("decisioning.decisions", description: "Decisions made, by \"outcome\".")
            .Add(2, new KeyValuePair<string, object?>("outcome", "approve"));
        var latency = test.Meter.CreateHistogram("model.score", "s", "Time to score.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.125, 1] });
        foreach (var seconds in new[] { 0.0625, 0.125, 0.5, 3 })
        {
            latency.Record(seconds, new KeyValuePair<string, object?>("model_version", "v1"));
        }

        test.Meter.CreateObservableGauge("pool.size", () => 7, "By", "Pool size.");
        test.Meter.CreateObservableCounter("process.cpu", () => 12.5, "s", "CPU time.");

        Assert.Equal(Lines(
            "# TYPE decisioning_decisions counter",
            "# HELP decisioning_decisions Decisions made, by \\\"outcome\\\".",
            "decisioning_decisions_total{outcome=\"approve\"} 2.0",
            "# TYPE model_score_seconds histogram",
            "# UNIT model_score_seconds seconds",
            "# HELP model_score_seconds Time to score.",
            "model_score_seconds_bucket{model_version=\"v1\",le=\"0.125\"} 2",
            "model_score_seconds_bucket{model_version=\"v1\",le=\"1.0\"} 3",
            "model_score_seconds_bucket{model_version=\"v1\",le=\"+Inf\"} 4",
            "model_score_seconds_count{model_version=\"v1\"} 4",
            "model_score_seconds_sum{model_version=\"v1\"} 3.6875",
            "# TYPE pool_size_bytes gauge",
            "# UNIT pool_size_bytes bytes",
            "# HELP pool_size_bytes Pool size.",
            "pool_size_bytes 7.0",
            "# TYPE process_cpu_seconds counter",
            "# UNIT process_cpu_seconds seconds",
            "# HELP process_cpu_seconds CPU time.",
            "process_cpu_seconds_total 12.5",
            "# EOF"), test.Collector.Scrape(ExpositionFormat.OpenMetrics));
    }

    [Fact]
    public void An_empty_exposition_is_just_eof()
    {
        using var test = new TestMeter();

        Assert.Equal("# EOF\n", test.Collector.Scrape(ExpositionFormat.OpenMetrics));
        Assert.Equal("", test.Collector.Scrape());
    }

    [Fact]
    public void Label_values_and_help_are_escaped()
    {
        using var test = new TestMeter();
        test.Meter.CreateCounter<long>("escapes", description: "Back\\slash and\nnewline.")
            .Add(1, new KeyValuePair<string, object?>("value", "a\\b\"c\nd"));

        Assert.Equal(Lines(
            "# TYPE escapes counter",
            "# HELP escapes Back\\\\slash and\\nnewline.",
            "escapes_total{value=\"a\\\\b\\\"c\\nd\"} 1.0",
            "# EOF"), test.Collector.Scrape(ExpositionFormat.OpenMetrics));
    }

    [Fact]
    public void Latency_buckets_have_canonical_le_values()
    {
        using var test = new TestMeter();
        test.Meter.CreateHistogram<double>("call.duration", "s").Record(0.0004);

        var bounds = test.Collector.Scrape(ExpositionFormat.OpenMetrics).Split('\n')
            .Where(line => line.StartsWith("call_duration_seconds_bucket", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..line.LastIndexOf('"')])
            .ToList();

        Assert.Equal(["0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "+Inf"], bounds);
    }

    [Fact]
    public void A_histogram_with_negative_observations_has_no_sum_or_count_as_openmetrics_requires()
    {
        using var test = new TestMeter();
        var drift = test.Meter.CreateHistogram("score.drift", null, "Score drift.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [-1, 0, 1] });
        drift.Record(-0.5);
        drift.Record(0.25);

        Assert.Equal(Lines(
            "# TYPE score_drift histogram",
            "# HELP score_drift Score drift.",
            "score_drift_bucket{le=\"-1.0\"} 0",
            "score_drift_bucket{le=\"0.0\"} 1",
            "score_drift_bucket{le=\"1.0\"} 2",
            "score_drift_bucket{le=\"+Inf\"} 2",
            "# EOF"), test.Collector.Scrape(ExpositionFormat.OpenMetrics));
        Assert.Contains("score_drift_count 2\n", test.Collector.Scrape());
    }

    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(10.0, "10.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0005, "0.0005")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.95, "0.95")]
    [InlineData(1.7, "1.7")]
    [InlineData(2.5, "2.5")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(1e-10, "1e-10")]
    [InlineData(100000.0, "100000.0")]
    [InlineData(123456.5, "123456.5")]
    [InlineData(1e6, "1e+06")]
    [InlineData(1234567.0, "1.234567e+06")]
    [InlineData(1e10, "1e+10")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e300, "1e+300")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Bucket_bounds_are_rendered_canonically(double value, string expected) =>
        Assert.Equal(expected, OpenMetricsText.Canonical(value));

    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(7.0, "7.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(14219680.0, "14219680.0")]
    [InlineData(1795467818.911, "1795467818.911")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Sample_values_keep_their_shortest_digits_and_read_as_floats(double value, string expected) =>
        Assert.Equal(expected, OpenMetricsText.Value(value));
}
