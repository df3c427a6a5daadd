using Decisioning.Grpc;

namespace Decisioning.IntegrationTests.Grpc;

// One server and one channel per test class, as a service would hold them.
public sealed class GrpcServerFixture : IAsyncLifetime
{
    private GrpcTestServer? _server;
    private GrpcChannel? _channel;

    public GrpcTestServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialized.");

    public GrpcChannel Channel => _channel ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        _server = await GrpcTestServer.StartAsync();
        _channel = _server.CreateChannel();
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
