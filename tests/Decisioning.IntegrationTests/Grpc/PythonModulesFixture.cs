namespace Decisioning.IntegrationTests.Grpc;

// Python message modules generated once per test class into a temporary folder.
public sealed class PythonModulesFixture : IAsyncLifetime
{
    private string? _directory;

    public string Directory => _directory ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync() => _directory = await PythonInterop.GenerateModulesAsync();

    public Task DisposeAsync()
    {
        if (_directory is not null)
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
