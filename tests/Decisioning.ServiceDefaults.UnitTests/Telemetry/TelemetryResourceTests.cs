using Decisioning.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Configuration;

namespace Decisioning.ServiceDefaults.UnitTests.Telemetry;

public class TelemetryResourceTests
{
    [Fact]
    public void Service_name_version_and_environment_come_from_the_host()
    {
        var attributes = Attributes(Configuration(), "Gateway", "Production", "1.2.3");

        Assert.Equal("Gateway", attributes["service.name"]);
        Assert.Equal("1.2.3", attributes["service.version"]);
        Assert.Equal("production", attributes["deployment.environment"]);
        Assert.True(attributes.ContainsKey("service.instance.id"));
        Assert.Equal("opentelemetry", attributes["telemetry.sdk.name"]);
    }

    [Fact]
    public void Resource_attributes_override_the_host_and_the_service_name_variable_overrides_both()
    {
        var configuration = Configuration(
            ("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=staging, service.name=from-attributes,team=credit%20risk,malformed"),
            ("OTEL_SERVICE_NAME", "gateway"));

        var attributes = Attributes(configuration, "Gateway", "Production", "1.2.3");

        Assert.Equal("gateway", attributes["service.name"]);
        Assert.Equal("staging", attributes["deployment.environment"]);
        Assert.Equal("credit risk", attributes["team"]);
        Assert.False(attributes.ContainsKey("malformed"));
    }

    private static Dictionary<string, object> Attributes(IConfiguration configuration, string application, string environment, string version) =>
        TelemetryResource.Create(configuration, application, environment, version).Build().Attributes.ToDictionary(a => a.Key, a => a.Value);

    private static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
