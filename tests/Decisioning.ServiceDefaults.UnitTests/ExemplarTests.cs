using System.Diagnostics;
using System.Diagnostics.Metrics;
using Decisioning.ServiceDefaults.Metrics;

namespace Decisioning.ServiceDefaults.UnitTests;

public class ExemplarTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
    private static readonly InstrumentAdvice<double> Bounds = new() { HistogramBucketBoundaries = [0.125, 1] };

    [Fact]
    public void A_measurement_recorded_in_a_sampled_span_is_the_exemplar_of_its_bucket()
    {
        using var test = new TestMeter(new ManualClock(Start));
        var latency = test.Meter.CreateHistogram("model.score", "s", "Time to score.", advice: Bounds);
        var tag = new KeyValuePair<string, object?>("model_version", "v1");

        latency.Record(0.0625, tag);
        string traceId, spanId;
        using (var span = StartSpan(recorded: true))
        {
            traceId = span.TraceId.ToHexString();
            spanId = span.SpanId.ToHexString();
            latency.Record(0.5, tag);
        }

        using (StartSpan(recorded: false))
        {
            latency.Record(3, tag);
        }

        // Scraped inside another span: the exemplar keeps the span of the measurement.
        using var scraping = StartSpan(recorded: true);
        var buckets = Buckets(test.Collector.Scrape(ExpositionFormat.OpenMetrics));

        Assert.Equal(
            [
                "model_score_seconds_bucket{model_version=\"v1\",le=\"0.125\"} 1",
                $"model_score_seconds_bucket{{model_version=\"v1\",le=\"1.0\"}} 2 # {{trace_id=\"{traceId}\",span_id=\"{spanId}\"}} 0.5 1700000000.123",
                "model_score_seconds_bucket{model_version=\"v1\",le=\"+Inf\"} 3",
            ],
            buckets);
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.Matches("^[0-9a-f]{16}$", spanId);
    }

    [Fact]
    public void Without_a_current_activity_no_bucket_has_an_exemplar()
    {
        using var test = new TestMeter();
        var latency = test.Meter.CreateHistogram("model.score", "s", advice: Bounds);

        foreach (var seconds in new[] { 0.0625, 0.5, 3 })
        {
            latency.Record(seconds);
        }

        Assert.DoesNotContain(" # ", test.Collector.Scrape(ExpositionFormat.OpenMetrics));
    }

    [Fact]
    public void The_prometheus_text_format_never_carries_exemplars()
    {
        using var test = new TestMeter();
        var latency = test.Meter.CreateHistogram("model.score", "s", advice: Bounds);
        using (StartSpan(recorded: true))
        {
            latency.Record(0.5);
        }

        Assert.Contains(" # {trace_id=", test.Collector.Scrape(ExpositionFormat.OpenMetrics));
        Assert.DoesNotContain("trace_id", test.Collector.Scrape());
    }

    [Fact]
    public void A_bucket_replaces_its_exemplar_at_most_once_a_second()
    {
        var clock = new ManualClock(Start);
        using var test = new TestMeter(clock);
        var latency = test.Meter.CreateHistogram("model.score", "s", advice: Bounds);

        var first = RecordInSpan(latency, 0.5);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        RecordInSpan(latency, 0.75);
        var kept = ExemplarOfSecondBucket(test);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var later = RecordInSpan(latency, 0.25);

        Assert.Equal($"{{trace_id=\"{first}\",span_id=", kept[..(kept.IndexOf("span_id=", StringComparison.Ordinal) + 8)]);
        Assert.EndsWith("} 0.5 1700000000.123", kept);
        var replaced = ExemplarOfSecondBucket(test);
        Assert.StartsWith($"{{trace_id=\"{later}\"", replaced);
        Assert.EndsWith("} 0.25 1700000001.123", replaced);
    }

    [Fact]
    public void Recording_in_a_sampled_span_allocates_nothing_once_the_bucket_has_a_fresh_exemplar()
    {
        using var test = new TestMeter(new ManualClock(Start));
        var histogram = test.Meter.CreateHistogram<double>("handling", "s");
        var service = new KeyValuePair<string, object?>("grpc_service", "decisioning.scoring.v1.CreditScoring");
        var method = new KeyValuePair<string, object?>("grpc_method", "Score");
        var code = new KeyValuePair<string, object?>("grpc_code", "OK");
        using var span = StartSpan(recorded: true);
        histogram.Record(0.001, service, method, code);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            histogram.Record(0.001, service, method, code);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static Activity StartSpan(bool recorded)
    {
        var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C);
        activity.ActivityTraceFlags = recorded ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None;
        return activity.Start();
    }

    private static string RecordInSpan(Histogram<double> histogram, double value)
    {
        using var span = StartSpan(recorded: true);
        histogram.Record(value);
        return span.TraceId.ToHexString();
    }

    private static List<string> Buckets(string exposition) =>
        exposition.Split('\n').Where(line => line.Contains("_bucket{", StringComparison.Ordinal)).ToList();

    private static string ExemplarOfSecondBucket(TestMeter test)
    {
        var line = Buckets(test.Collector.Scrape(ExpositionFormat.OpenMetrics))[1];
        return line[(line.IndexOf(" # ", StringComparison.Ordinal) + 3)..];
    }
}
