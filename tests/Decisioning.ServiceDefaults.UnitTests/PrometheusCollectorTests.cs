using System.Diagnostics.Metrics;
using Decisioning.ServiceDefaults.Metrics;
using static Decisioning.ServiceDefaults.UnitTests.TestMeter;

namespace Decisioning.ServiceDefaults.UnitTests;

public class PrometheusCollectorTests
{
    [Fact]
    public void Counter_is_written_with_help_type_and_total_suffix_one_line_per_label_set()
    {
        using var test = new TestMeter();
        var decisions = test.Meter.CreateCounter<long>("decisioning.decisions", description: "Decisions made.");

        decisions.Add(2, new("outcome", "approve"), new("product", "personal_loan"));
        decisions.Add(1, new("product", "personal_loan"), new("outcome", "approve"));
        decisions.Add(1, new("outcome", "decline"), new("product", "personal_loan"));

        Assert.Equal(Lines(
            "# HELP decisioning_decisions_total Decisions made.",
            "# TYPE decisioning_decisions_total counter",
            "decisioning_decisions_total{outcome=\"approve\",product=\"personal_loan\"} 3",
            "decisioning_decisions_total{outcome=\"decline\",product=\"personal_loan\"} 1"), test.Collector.Scrape());
    }

    [Fact]
    public void Histogram_has_cumulative_buckets_inf_sum_and_count_and_seconds_suffix()
    {
        using var test = new TestMeter();
        var latency = test.Meter.CreateHistogram("model.score", "s", "Time to score.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.125, 1] });

        foreach (var seconds in new[] { 0.0625, 0.125, 0.5, 3 })
        {
            latency.Record(seconds, new KeyValuePair<string, object?>("model_version", "v1"));
        }

        Assert.Equal(Lines(
            "# HELP model_score_seconds Time to score.",
            "# TYPE model_score_seconds histogram",
            "model_score_seconds_bucket{model_version=\"v1\",le=\"0.125\"} 2",
            "model_score_seconds_bucket{model_version=\"v1\",le=\"1\"} 3",
            "model_score_seconds_bucket{model_version=\"v1\",le=\"+Inf\"} 4",
            "model_score_seconds_sum{model_version=\"v1\"} 3.6875",
            "model_score_seconds_count{model_version=\"v1\"} 4"), test.Collector.Scrape());
    }

    [Fact]
    public void Latency_histograms_without_advice_get_buckets_from_half_a_millisecond_to_five_seconds()
    {
        using var test = new TestMeter();
        test.Meter.CreateHistogram<double>("call.duration", "s").Record(0.0004);

        var bounds = test.Collector.Scrape().Split('\n')
            .Where(line => line.StartsWith("call_duration_seconds_bucket", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..line.LastIndexOf('"')])
            .ToList();

        Assert.Equal(["0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "+Inf"], bounds);
    }

    [Fact]
    public void Observable_gauges_are_read_at_scrape_time_and_unreported_series_disappear()
    {
        using var test = new TestMeter();
        var reported = new List<Measurement<long>> { new(7, new KeyValuePair<string, object?>("pool", "a")), new(3, new KeyValuePair<string, object?>("pool", "b")) };
        test.Meter.CreateObservableGauge("pool.size", () => reported.ToArray(), "By", "Pool size.");

        var first = test.Collector.Scrape();
        reported.RemoveAt(1);
        reported[0] = new Measurement<long>(9, new KeyValuePair<string, object?>("pool", "a"));

        Assert.Equal(Lines(
            "# HELP pool_size_bytes Pool size.",
            "# TYPE pool_size_bytes gauge",
            "pool_size_bytes{pool=\"a\"} 7",
            "pool_size_bytes{pool=\"b\"} 3"), first);
        Assert.Equal(Lines(
            "# HELP pool_size_bytes Pool size.",
            "# TYPE pool_size_bytes gauge",
            "pool_size_bytes{pool=\"a\"} 9"), test.Collector.Scrape());
    }

    [Fact]
    public void Up_down_counter_is_a_gauge_that_adds_and_observable_counter_is_a_counter_of_its_reported_total()
    {
        using var test = new TestMeter();
        var inFlight = test.Meter.CreateUpDownCounter<int>("requests.in_flight", "{request}", "Requests being served.");
        test.Meter.CreateObservableCounter("process.cpu", () => 12.5, "s", "CPU time.");

        inFlight.Add(3);
        inFlight.Add(-1);

        Assert.Equal(Lines(
            "# HELP process_cpu_seconds_total CPU time.",
            "# TYPE process_cpu_seconds_total counter",
            "process_cpu_seconds_total 12.5",
            "# HELP requests_in_flight Requests being served.",
            "# TYPE requests_in_flight gauge",
            "requests_in_flight 2"), test.Collector.Scrape());
    }

    [Fact]
    public void Label_values_and_help_are_escaped()
    {
        using var test = new TestMeter();
        var counter = test.Meter.CreateCounter<long>("escapes", description: "Back\\slash and\nnewline \"kept\".");

        counter.Add(1, new KeyValuePair<string, object?>("value", "a\\b\"c\nd"));

        Assert.Equal(Lines(
            "# HELP escapes_total Back\\\\slash and\\nnewline \"kept\".",
            "# TYPE escapes_total counter",
            "escapes_total{value=\"a\\\\b\\\"c\\nd\"} 1"), test.Collector.Scrape());
    }

    [Fact]
    public void Tag_names_are_sanitised_and_non_string_values_are_formatted_invariantly()
    {
        using var test = new TestMeter();
        var counter = test.Meter.CreateCounter<double>("rpc-calls/handled");

        counter.Add(0.5, new("rpc.grpc.status_code", 14), new("retried", true), new("__reserved", 1.5));

        Assert.Equal(Lines(
            "# HELP rpc_calls_handled_total rpc-calls/handled",
            "# TYPE rpc_calls_handled_total counter",
            "rpc_calls_handled_total{_reserved=\"1.5\",retried=\"true\",rpc_grpc_status_code=\"14\"} 0.5"), test.Collector.Scrape());
    }

    [Fact]
    public void Meters_the_filter_rejects_are_not_exposed()
    {
        using var test = new TestMeter();
        using var other = new Meter("Other." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("not.mine").Add(1);

        Assert.Equal("", test.Collector.Scrape());
    }

    [Fact]
    public void Two_instruments_with_one_prometheus_name_share_one_family()
    {
        using var test = new TestMeter();
        test.Meter.CreateCounter<long>("calls").Add(1, new KeyValuePair<string, object?>("side", "a"));
        test.Meter.CreateCounter<long>("calls_total").Add(2, new KeyValuePair<string, object?>("side", "b"));

        var text = test.Collector.Scrape();

        Assert.Single(text.Split('\n'), line => line.StartsWith("# TYPE calls_total", StringComparison.Ordinal));
        Assert.Contains("calls_total{side=\"a\"} 1\n", text);
        Assert.Contains("calls_total{side=\"b\"} 2\n", text);
    }

    [Fact]
    public void Label_sets_beyond_the_limit_are_counted_in_one_overflow_series()
    {
        using var test = new TestMeter();
        var counter = test.Meter.CreateCounter<long>("ids");

        for (var i = 0; i < PrometheusCollector.MaxSeriesPerMetric + 10; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("id", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var samples = test.Collector.Scrape().Split('\n').Where(line => line.StartsWith("ids_total{", StringComparison.Ordinal)).ToList();
        Assert.Equal(PrometheusCollector.MaxSeriesPerMetric + 1, samples.Count);
        Assert.Contains("ids_total{metric_overflow=\"true\"} 10", samples);
    }

    [Fact]
    public void Concurrent_recording_loses_no_measurement()
    {
        using var test = new TestMeter();
        var counter = test.Meter.CreateCounter<double>("hits");
        var histogram = test.Meter.CreateHistogram<double>("wait", "s");

        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                counter.Add(0.5, new KeyValuePair<string, object?>("shard", "x"));
                histogram.Record(0.003, new KeyValuePair<string, object?>("shard", "x"));
            }
        });

        var text = test.Collector.Scrape();
        Assert.Contains("hits_total{shard=\"x\"} 100000\n", text);
        Assert.Contains("wait_seconds_bucket{shard=\"x\",le=\"+Inf\"} 200000\n", text);
        Assert.Contains("wait_seconds_count{shard=\"x\"} 200000\n", text);
    }

    [Fact]
    public void Recording_into_an_existing_series_with_three_tags_allocates_nothing()
    {
        using var test = new TestMeter();
        var histogram = test.Meter.CreateHistogram<double>("handling", "s");
        var service = new KeyValuePair<string, object?>("grpc_service", "decisioning.scoring.v1.CreditScoring");
        var method = new KeyValuePair<string, object?>("grpc_method", "Score");
        var code = new KeyValuePair<string, object?>("grpc_code", "OK");
        histogram.Record(0.001, service, method, code);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            histogram.Record(0.001, service, method, code);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
