namespace Decisioning.IntegrationTests.Infrastructure;

/// <summary>The whole platform exporting traces and logs over OTLP/HTTP to an <see cref="OtlpReceiver"/>, in short batches.</summary>
public sealed class TracedPlatform : IAsyncLifetime
{
    public const string Environment = "integration-test";

    public OtlpReceiver Receiver { get; private set; } = null!;

    public Platform Platform { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await OtlpReceiver.StartAsync();
        Platform = new Platform
        {
            ServiceEnvironment = new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
                ["OTEL_RESOURCE_ATTRIBUTES"] = $"deployment.environment={Environment}",
            },
        };
        await Platform.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (Platform is not null)
        {
            await Platform.DisposeAsync();
        }

        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }
    }
}
