using Dapper;
using Decisioning.Data;
using Decisioning.IntegrationTests.Infrastructure;
using Npgsql;

namespace Decisioning.IntegrationTests.Data;

// After the server drops the pool's connections (a restart, a failover, an administrator), the next read is answered
// on a fresh connection; the next write fails, for its caller to decide, rather than being sent twice.
public class DatabaseReadsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_read_on_a_connection_the_server_dropped_is_answered_on_a_fresh_one()
    {
        var (dataSource, connectionString) = await DatabaseAsync();
        var keys = new ApiKeyStore(dataSource);
        Assert.Empty(await keys.ListAsync("lender", CancellationToken.None));

        await DropConnectionsAsync(connectionString);

        Assert.Single(await keys.ListAsync("lender", CancellationToken.None));
    }

    [Fact]
    public async Task A_write_on_a_connection_the_server_dropped_fails_and_is_not_sent_again()
    {
        var (dataSource, connectionString) = await DatabaseAsync();
        var keys = new ApiKeyStore(dataSource);
        Assert.Empty(await keys.ListAsync("lender", CancellationToken.None));

        await DropConnectionsAsync(connectionString);

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => keys.CreateAsync("lender", "analyst", CancellationToken.None));
        Assert.Single(await keys.ListAsync("lender", CancellationToken.None));
    }

    // A migrated database with one tenant and one key, and a data source whose pool holds one idle connection.
    private async Task<(NpgsqlDataSource DataSource, string ConnectionString)> DatabaseAsync()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await Migrator.ApplyAsync(connectionString);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("INSERT INTO tenants (tenant_id, name) VALUES ('lender', 'Lender')");
        }

        return (dataSource, connectionString);
    }

    private static async Task DropConnectionsAsync(string connectionString)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            Assert.True(await connection.ExecuteScalarAsync<long>(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()") > 0);
            await connection.ExecuteAsync("INSERT INTO api_keys (key_id, tenant_id, key_hash, key_prefix, role) VALUES (gen_random_uuid(), 'lender', 'h', 'dk_h', 'admin')");
        }
    }
}
