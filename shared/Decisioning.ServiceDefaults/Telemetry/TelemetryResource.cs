using Microsoft.Extensions.Configuration;
using OpenTelemetry.Resources;

namespace Decisioning.ServiceDefaults.Telemetry;

// service.name, service.version and deployment.environment of every span and log record. OTEL_RESOURCE_ATTRIBUTES
// and OTEL_SERVICE_NAME (in that order of precedence, lowest first) override what the host knows, read from
// configuration so that the command line works as well as the environment.
internal static class TelemetryResource
{
    public const string DeploymentEnvironment = "deployment.environment";

    public static ResourceBuilder Create(IConfiguration configuration, string applicationName, string environmentName, string? version)
    {
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal) { [DeploymentEnvironment] = environmentName.ToLowerInvariant() };
        foreach (var (key, value) in ParseAttributes(configuration["OTEL_RESOURCE_ATTRIBUTES"]))
        {
            attributes[key] = value;
        }

        var attributeServiceName = Take(attributes, "service.name");
        var serviceName = NonEmpty(configuration["OTEL_SERVICE_NAME"]) ?? attributeServiceName ?? applicationName;
        var serviceVersion = Take(attributes, "service.version") ?? version;
        return ResourceBuilder.CreateEmpty()
            .AddService(serviceName, serviceVersion: serviceVersion)
            .AddTelemetrySdk()
            .AddAttributes(attributes);
    }

    // W3C Baggage-like list: key1=value1,key2=value2 with percent-encoded values; malformed entries are ignored.
    public static IEnumerable<KeyValuePair<string, string>> ParseAttributes(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            yield break;
        }

        foreach (var entry in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = entry.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var key = entry[..equals].Trim();
            var value = entry[(equals + 1)..].Trim();
            if (key.Length > 0)
            {
                yield return new(key, Uri.UnescapeDataString(value));
            }
        }
    }

    private static string? Take(Dictionary<string, object> attributes, string key) =>
        attributes.Remove(key, out var value) ? NonEmpty(value as string) : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
