namespace Decisioning.IntegrationTests.Grpc;

// grpcio's server on 127.0.0.1 at a port it picks and prints; killed when the test class ends.
public sealed class PythonServerFixture : IAsyncLifetime
{
    private readonly PythonModulesFixture _modules = new();
    private ChildProcess? _server;
    private Uri? _address;

    public Uri Address => _address ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        await _modules.InitializeAsync();
        _server = ChildProcess.Start(PythonInterop.Python, PythonInterop.Script("interop_server.py"), _modules.Directory);
        var port = int.Parse(await _server.ReadLineAsync(PythonInterop.ProcessTimeout), System.Globalization.CultureInfo.InvariantCulture);
        _address = new Uri($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await _modules.DisposeAsync();
    }
}
