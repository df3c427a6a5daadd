using Decisioning.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Decisioning.ServiceDefaults.UnitTests.Telemetry;

public class OtlpSettingsTests
{
    [Fact]
    public void Nothing_is_exported_without_an_endpoint()
    {
        var settings = OtlpSettings.Resolve(Configuration(), OtlpSignal.Traces, out var problem);

        Assert.Null(settings);
        Assert.Null(problem);
    }

    [Fact]
    public void Grpc_is_the_default_and_uses_the_endpoint_as_given()
    {
        var settings = OtlpSettings.Resolve(Configuration(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")), OtlpSignal.Logs, out _);

        Assert.Equal(OtlpExportProtocol.Grpc, settings!.Protocol);
        Assert.Equal(new Uri("http://collector:4317"), settings.Endpoint);
    }

    [Theory]
    [InlineData("http://collector:4318", "traces", "http://collector:4318/v1/traces")]
    [InlineData("http://collector:4318/", "logs", "http://collector:4318/v1/logs")]
    [InlineData("http://proxy/otlp", "traces", "http://proxy/otlp/v1/traces")]
    public void Http_protobuf_appends_the_signal_path_to_the_general_endpoint(string endpoint, string signal, string expected)
    {
        var settings = OtlpSettings.Resolve(
            Configuration(("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")), signal == "logs" ? OtlpSignal.Logs : OtlpSignal.Traces, out _);

        Assert.Equal(OtlpExportProtocol.HttpProtobuf, settings!.Protocol);
        Assert.Equal(new Uri(expected), settings.Endpoint);
    }

    [Fact]
    public void Signal_specific_settings_win_and_their_endpoint_is_used_as_given()
    {
        var configuration = Configuration(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317"),
            ("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "http://logs:4318/custom"),
            ("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "http/protobuf"),
            ("OTEL_EXPORTER_OTLP_TIMEOUT", "2500"),
            ("OTEL_EXPORTER_OTLP_HEADERS", "api-key=abc"));

        var logs = OtlpSettings.Resolve(configuration, OtlpSignal.Logs, out _)!;
        var traces = OtlpSettings.Resolve(configuration, OtlpSignal.Traces, out _)!;

        Assert.Equal(new Uri("http://logs:4318/custom"), logs.Endpoint);
        Assert.Equal(OtlpExportProtocol.HttpProtobuf, logs.Protocol);
        Assert.Equal(new Uri("http://collector:4317"), traces.Endpoint);
        Assert.Equal(OtlpExportProtocol.Grpc, traces.Protocol);
        Assert.Equal(2500, traces.ToExporterOptions().TimeoutMilliseconds);
        Assert.Equal("api-key=abc", logs.ToExporterOptions().Headers);
    }

    [Theory]
    [InlineData("collector:4317", null, "not an absolute")]
    [InlineData("ftp://collector", null, "not an absolute")]
    [InlineData("http://collector:4317", "http/json", "not supported")]
    public void Unusable_settings_turn_export_off_and_say_why(string endpoint, string? protocol, string why)
    {
        var configuration = Configuration(("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint), ("OTEL_EXPORTER_OTLP_PROTOCOL", protocol));

        var settings = OtlpSettings.Resolve(configuration, OtlpSignal.Traces, out var problem);

        Assert.Null(settings);
        Assert.Contains(why, problem);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
