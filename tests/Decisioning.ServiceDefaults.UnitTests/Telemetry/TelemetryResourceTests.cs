using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Decisioning.ServiceDefaults.UnitTests.Telemetry;

public class TelemetryResourceTests
{
    [Fact]
    public void Spans_name_the_service_and_its_environment_unless_the_OTEL_variables_say_otherwise()
    {
        Assert.Equal(
            ("CreditScoring", "staging"),
            Resource(new Dictionary<string, string?>()));
        Assert.Equal(
            ("scoring-eu", "eu-prod"),
            Resource(new Dictionary<string, string?>
            {
                ["OTEL_RESOURCE_ATTRIBUTES"] = "deployment.environment=eu-prod,service.name=ignored",
                ["OTEL_SERVICE_NAME"] = "scoring-eu",
            }));
    }

    private static (string? ServiceName, string? Environment) Resource(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "CreditScoring", EnvironmentName = "Staging", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        using var host = builder.Build();
        var attributes = host.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value as string);
        return (attributes.GetValueOrDefault("service.name"), attributes.GetValueOrDefault("deployment.environment"));
    }
}
