using Dapper;
using Decisioning.Data;
using Decisioning.IntegrationTests.Infrastructure;
using Npgsql;

namespace Decisioning.IntegrationTests.Audit;

// The chain itself: appends from many connections at once, and every kind of tampering by someone
// with direct access to the tables (as their owner), found by the verifier and by the Migrator's command.
public class AuditChainTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Concurrent_appends_of_one_tenant_keep_one_unbroken_chain()
    {
        var (owner, app, _) = await DatabaseAsync();
        var store = new AuditStore(app);

        var appended = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => store.AppendAsync(Entry("a", $"decision:{i}"), CancellationToken.None))));
        await store.AppendAsync(Entry("b", "key:1"), CancellationToken.None);
        var result = await AuditVerifier.VerifyAsync(owner);

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), appended.Select(e => e.Seq).Order());
        Assert.True(result.Intact, result.Problem);
        Assert.Equal((2, 201L), (result.Tenants, result.Rows));
    }

    [Fact]
    public async Task An_edited_row_is_named()
    {
        var (owner, _, _) = await ChainOfFiveAsync();
        await ExecuteAsync(owner, "UPDATE audit_log SET target = 'decision:somebody-else' WHERE tenant_id = 'a' AND seq = 3");

        var result = await AuditVerifier.VerifyAsync(owner);

        Assert.False(result.Intact);
        Assert.Contains("row 3", result.Problem);
        Assert.Contains("edited", result.Problem);
    }

    [Fact]
    public async Task A_row_edited_with_its_hash_recomputed_breaks_the_link_of_the_next_row()
    {
        var (owner, _, entries) = await ChainOfFiveAsync();
        await using var connection = await owner.OpenConnectionAsync();
        var previous = await connection.ExecuteScalarAsync<byte[]>("SELECT prev_hash FROM audit_log WHERE tenant_id = 'a' AND seq = 3");
        var forged = entries[2] with { Target = "decision:somebody-else" };
        await connection.ExecuteAsync(
            "UPDATE audit_log SET target = @Target, row_hash = @Hash WHERE tenant_id = 'a' AND seq = 3",
            new { forged.Target, Hash = AuditChain.Hash(previous!, forged) });

        var result = await AuditVerifier.VerifyAsync(owner);

        Assert.False(result.Intact);
        Assert.Contains("row 4 does not link to row 3", result.Problem);
    }

    [Fact]
    public async Task A_deleted_middle_row_is_named_as_a_gap()
    {
        var (owner, _, _) = await ChainOfFiveAsync();
        await ExecuteAsync(owner, "DELETE FROM audit_log WHERE tenant_id = 'a' AND seq = 3");

        var result = await AuditVerifier.VerifyAsync(owner);

        Assert.False(result.Intact);
        Assert.Contains("row 3 is missing", result.Problem);
    }

    [Fact]
    public async Task A_deleted_last_row_is_found_through_the_chain_head()
    {
        var (owner, _, _) = await ChainOfFiveAsync();
        await ExecuteAsync(owner, "DELETE FROM audit_log WHERE tenant_id = 'a' AND seq = 5");

        var result = await AuditVerifier.VerifyAsync(owner);

        Assert.False(result.Intact);
        Assert.Contains("row 5 is missing (deleted) from the end", result.Problem);
    }

    [Fact]
    public async Task A_whole_chain_deleted_is_found_through_its_head()
    {
        var (owner, _, _) = await ChainOfFiveAsync();
        await ExecuteAsync(owner, "DELETE FROM audit_log WHERE tenant_id = 'a'");

        var result = await AuditVerifier.VerifyAsync(owner);

        Assert.False(result.Intact);
        Assert.Contains("rows 1 to 5 are missing", result.Problem);
    }

    [Fact]
    public async Task The_migrator_verify_command_exits_0_on_an_intact_log_and_1_naming_the_edited_row()
    {
        var (owner, _, _) = await ChainOfFiveAsync();
        var connectionString = owner.ConnectionString;

        var (intactCode, intactOutput) = await Migrator.RunAsync(connectionString, "--verify-audit");
        await ExecuteAsync(owner, "UPDATE audit_log SET remote_address = '10.0.0.66' WHERE tenant_id = 'a' AND seq = 2");
        var (tamperedCode, tamperedOutput) = await Migrator.RunAsync(connectionString, "--verify-audit");

        Assert.Equal(0, intactCode);
        Assert.Contains("5 row(s) in 1 tenant chain(s)", intactOutput);
        Assert.Equal(1, tamperedCode);
        Assert.Contains("row 2", tamperedOutput);
    }

    [Fact]
    public async Task The_services_role_can_append_but_not_edit_or_delete_a_row()
    {
        var (_, app, _) = await ChainOfFiveAsync();
        await using var connection = await app.OpenConnectionAsync();

        var update = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            TenantScope.For("UPDATE audit_log SET target = 'x' WHERE tenant_id = @TenantId"), new { TenantId = "a" }));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            TenantScope.For("DELETE FROM audit_log WHERE tenant_id = @TenantId"), new { TenantId = "a" }));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, update.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, delete.SqlState);
    }

    private static AuditEntry Entry(string tenantId, string target) =>
        new(tenantId, 0, DateTime.UtcNow, Guid.CreateVersion7(), "analyst", "decision.read", target, "127.0.0.1");

    private async Task<(NpgsqlDataSource Owner, NpgsqlDataSource App, IReadOnlyList<AuditEntry> Entries)> ChainOfFiveAsync()
    {
        var (owner, app, _) = await DatabaseAsync();
        var store = new AuditStore(app);
        var entries = new List<AuditEntry>();
        for (var i = 1; i <= 5; i++)
        {
            entries.Add(await store.AppendAsync(Entry("a", $"decision:{i}"), CancellationToken.None));
        }

        Assert.True((await AuditVerifier.VerifyAsync(owner)).Intact);
        return (owner, app, entries);
    }

    private async Task<(NpgsqlDataSource Owner, NpgsqlDataSource App, string ConnectionString)> DatabaseAsync()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        var owner = NpgsqlDataSource.Create(connectionString);
        await Migrator.ApplyAsync(connectionString);
        var app = new NpgsqlConnectionStringBuilder(connectionString);
        TenantScope.RunAs(app, TenantScope.AppRole);
        return (owner, NpgsqlDataSource.Create(app.ConnectionString), connectionString);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.True(await connection.ExecuteAsync(sql) > 0);
    }
}
