namespace Decisioning.IntegrationTests.Infrastructure;

/// <summary>One private PostgreSQL server for a test class; each test makes its own database in it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public Task<string> NewDatabaseAsync() => Server.CreateDatabaseAsync("db_" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
