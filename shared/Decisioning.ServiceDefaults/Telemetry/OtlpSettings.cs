using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Decisioning.ServiceDefaults.Telemetry;

// The standard OTEL_EXPORTER_OTLP_* settings, read from configuration (environment variables, command line or
// appsettings alike) and resolved per signal: a signal-specific endpoint is used as given, the general one gets
// /v1/traces or /v1/logs appended for http/protobuf, as the OpenTelemetry specification says.
internal sealed record OtlpSettings(Uri Endpoint, OtlpExportProtocol Protocol, string? Headers, int? TimeoutMilliseconds)
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The settings of <paramref name="signal"/>; null when no endpoint is configured or the settings are unusable (<paramref name="problem"/> says why).</summary>
    public static OtlpSettings? Resolve(IConfiguration configuration, OtlpSignal signal, out string? problem)
    {
        problem = null;
        var name = signal == OtlpSignal.Traces ? "TRACES" : "LOGS";
        string? Setting(string key) => NonEmpty(configuration[$"OTEL_EXPORTER_OTLP_{name}_{key}"]) ?? NonEmpty(configuration[$"OTEL_EXPORTER_OTLP_{key}"]);

        var specificEndpoint = NonEmpty(configuration[$"OTEL_EXPORTER_OTLP_{name}_ENDPOINT"]);
        var endpoint = specificEndpoint ?? NonEmpty(configuration[EndpointKey]);
        if (endpoint is null)
        {
            return null;
        }

        var protocolName = Setting("PROTOCOL") ?? "grpc";
        OtlpExportProtocol protocol;
        switch (protocolName)
        {
            case "grpc":
                protocol = OtlpExportProtocol.Grpc;
                break;
            case "http/protobuf":
                protocol = OtlpExportProtocol.HttpProtobuf;
                break;
            default:
                problem = $"OTEL_EXPORTER_OTLP_PROTOCOL '{protocolName}' is not supported (grpc or http/protobuf)";
                return null;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problem = $"the OTLP endpoint '{endpoint}' is not an absolute http:// or https:// URL";
            return null;
        }

        if (specificEndpoint is null && protocol == OtlpExportProtocol.HttpProtobuf)
        {
            var path = signal == OtlpSignal.Traces ? "v1/traces" : "v1/logs";
            uri = new Uri(uri.AbsoluteUri.TrimEnd('/') + "/" + path);
        }

        int? timeout = null;
        if (Setting("TIMEOUT") is { } timeoutText)
        {
            if (!int.TryParse(timeoutText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds) || milliseconds <= 0)
            {
                problem = $"OTEL_EXPORTER_OTLP_TIMEOUT '{timeoutText}' is not a positive number of milliseconds";
                return null;
            }

            timeout = milliseconds;
        }

        return new OtlpSettings(uri, protocol, Setting("HEADERS"), timeout);
    }

    public OtlpExporterOptions ToExporterOptions()
    {
        var options = new OtlpExporterOptions { Endpoint = Endpoint, Protocol = Protocol };
        if (Headers is not null)
        {
            options.Headers = Headers;
        }

        if (TimeoutMilliseconds is { } timeout)
        {
            options.TimeoutMilliseconds = timeout;
        }

        return options;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
