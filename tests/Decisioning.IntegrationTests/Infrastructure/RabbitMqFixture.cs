namespace Decisioning.IntegrationTests.Infrastructure;

/// <summary>One private RabbitMQ node for a test class; each test publishes to its own exchange in it.</summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    public RabbitMqServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RabbitMqServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
