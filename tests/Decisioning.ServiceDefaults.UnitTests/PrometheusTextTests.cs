using Decisioning.ServiceDefaults.Metrics;

namespace Decisioning.ServiceDefaults.UnitTests;

public class PrometheusTextTests
{
    [Theory]
    [InlineData("http.server.request.duration", "s", false, "http_server_request_duration_seconds")]
    [InlineData("http.server.requests", null, true, "http_server_requests_total")]
    [InlineData("process.cpu", "s", true, "process_cpu_seconds_total")]
    [InlineData("process.cpu.seconds", "s", true, "process_cpu_seconds_total")]
    [InlineData("process.cpu.seconds.total", "s", true, "process_cpu_seconds_total")]
    [InlineData("dotnet.gc.heap", "By", false, "dotnet_gc_heap_bytes")]
    [InlineData("decisioning.model.pd", "1", false, "decisioning_model_pd")]
    [InlineData("queue.depth", "{message}", false, "queue_depth")]
    [InlineData("call.latency", "ms", false, "call_latency_milliseconds")]
    [InlineData("my-metric//name", null, false, "my_metric_name")]
    [InlineData("9lives", null, false, "_9lives")]
    [InlineData("ns:subsystem.thing", null, false, "ns:subsystem_thing")]
    public void Metric_names_follow_prometheus_conventions(string instrument, string? unit, bool isCounter, string expected) =>
        Assert.Equal(expected, PrometheusText.MetricName(instrument, unit, isCounter));

    [Theory]
    [InlineData("grpc.code", "grpc_code")]
    [InlineData("status_class", "status_class")]
    [InlineData("__name__", "_name_")]
    [InlineData("a:b", "a_b")]
    [InlineData("1st", "_1st")]
    public void Label_names_are_sanitised(string tag, string expected) =>
        Assert.Equal(expected, PrometheusText.LabelName(tag));

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.0005, "0.0005")]
    [InlineData(1e21, "1E+21")]
    [InlineData(-2.5, "-2.5")]
    public void Numbers_are_written_as_prometheus_parses_them(double value, string expected) =>
        Assert.Equal(expected, PrometheusText.Number(value));
}
