using Dapper;
using Decisioning.Data;
using Decisioning.IntegrationTests.Infrastructure;
using Npgsql;

namespace Decisioning.IntegrationTests.Tenancy;

// The database's own wall, below the application's tenant filter: connected as the services' role,
// with tenant A named, nothing of tenant B can be read, changed or written, in any tenant table.
public class RowLevelSecurityTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    // One row of a tenant (@Tenant) for each table that holds tenant data.
    private static readonly IReadOnlyDictionary<string, string> RowOf = new Dictionary<string, string>
    {
        ["decisions"] = """
            INSERT INTO decisions (tenant_id, decision_id, application_id, outcome, product, amount, term_months, policy_version, reason_codes, decided_at, request, document)
            VALUES (@Tenant, gen_random_uuid(), 'app-1', 'approve', 'personal_loan', 1000, 12, 'policy-1', '{}', now(), '{}', '{}')
            """,
        ["idempotency_keys"] = """
            INSERT INTO idempotency_keys (tenant_id, idempotency_key, request_hash, decision_id, decided_at)
            VALUES (@Tenant, gen_random_uuid()::text, '\x00', gen_random_uuid(), now())
            """,
        ["outbox"] = "INSERT INTO outbox (tenant_id, event_type, aggregate_id, payload) VALUES (@Tenant, 'decision.made.v1', gen_random_uuid(), '{}')",
        ["api_keys"] = """
            INSERT INTO api_keys (key_id, tenant_id, key_hash, key_prefix, role)
            VALUES (gen_random_uuid(), @Tenant, sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'dk_x', 'decider')
            """,
        ["review_cases"] = "INSERT INTO review_cases (tenant_id, decision_id, queued_at) VALUES (@Tenant, gen_random_uuid(), now())",
        ["loan_outcomes"] = "INSERT INTO loan_outcomes (tenant_id, decision_id, decided_at, status, observed_at) VALUES (@Tenant, gen_random_uuid(), now(), 'repaid', current_date)",
        ["webhook_endpoints"] = "INSERT INTO webhook_endpoints (tenant_id, endpoint_id, url, events, secret) VALUES (@Tenant, gen_random_uuid(), 'https://hooks.example.com/x', '{decision.made.v1}', 'whsec_x')",
        ["webhook_deliveries"] = "INSERT INTO webhook_deliveries (tenant_id, delivery_id, endpoint_id, event_id, event_type, body) VALUES (@Tenant, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'decision.made.v1', '{}')",
        ["audit_log"] = """
            INSERT INTO audit_log (tenant_id, seq, occurred_at, actor_key_id, actor_role, action, target, prev_hash, row_hash)
            VALUES (@Tenant, floor(random() * 1e15)::bigint, now(), gen_random_uuid(), 'admin', 'key.create', 'key', '\x00', '\x00')
            """,
        ["challenger_scores"] = """
            INSERT INTO challenger_scores (tenant_id, decided_at, decision_id, model_name, model_version, pd, score, grade, reason_codes)
            VALUES (@Tenant, now(), gen_random_uuid(), 'german-gbm', 'german-gbm-1', 0.1, 600, 'C', '{}')
            """,
        ["backtests"] = """
            INSERT INTO backtests (tenant_id, backtest_id, range_from, range_to, filters, chunk_size)
            VALUES (@Tenant, gen_random_uuid(), now() - interval '1 day', now(), '{}', 5000)
            """,
        ["backtest_chunks"] = "INSERT INTO backtest_chunks (tenant_id, backtest_id, chunk_no, upto_at, upto_id) VALUES (@Tenant, gen_random_uuid(), 0, now(), gen_random_uuid())",
        ["backtest_scores"] = "INSERT INTO backtest_scores (tenant_id, backtest_id, decision_id, baseline_pd, candidate_pd, bad) VALUES (@Tenant, gen_random_uuid(), gen_random_uuid(), 0.1, 0.2, false)",
        ["audit_chain_heads"] = "INSERT INTO audit_chain_heads (tenant_id, last_seq, last_hash) VALUES (@Tenant, 0, '\\x00') ON CONFLICT (tenant_id) DO NOTHING",
    };

    // The services may add to these, never change them.
    private static readonly HashSet<string> AppendOnly = ["audit_log", "challenger_scores"];

    [Fact]
    public async Task Every_table_with_a_tenant_column_is_covered_here_and_has_row_level_security()
    {
        var (owner, _) = await DatabaseAsync();
        await using var connection = await owner.OpenConnectionAsync();
        var tables = (await connection.QueryAsync<(string Name, bool Secured)>("""
            SELECT c.relname, c.relrowsecurity
            FROM pg_class c
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'tenants'
            """)).ToList();

        Assert.Equal(RowOf.Keys.Order(), tables.Select(t => t.Name).Order());
        Assert.All(tables, t => Assert.True(t.Secured, $"{t.Name} has no row-level security"));
    }

    [Fact]
    public async Task With_tenant_A_named_the_app_role_reads_and_updates_only_tenant_As_rows()
    {
        var (owner, app) = await DatabaseAsync();
        await SeedAsync(owner, "a", "b");
        foreach (var table in RowOf.Keys)
        {
            await using var connection = await app.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(TenantScope.For("SELECT 1"), new { TenantId = "a" }, transaction);

            var visible = (await connection.QueryAsync<string>($"SELECT DISTINCT tenant_id FROM {table}", transaction: transaction)).ToList();
            Assert.Equal(new[] { "a" }, visible);
            if (AppendOnly.Contains(table))
            {
                var update = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync($"UPDATE {table} SET tenant_id = tenant_id WHERE tenant_id = 'a'", transaction: transaction));
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, update.SqlState);
                continue;
            }

            var updatedTheirs = await connection.ExecuteAsync($"UPDATE {table} SET tenant_id = tenant_id WHERE tenant_id = 'b'", transaction: transaction);
            var updatedOurs = await connection.ExecuteAsync($"UPDATE {table} SET tenant_id = tenant_id WHERE tenant_id = 'a'", transaction: transaction);

            Assert.Equal(0, updatedTheirs);
            Assert.Equal(1, updatedOurs);
        }
    }

    [Fact]
    public async Task With_tenant_A_named_the_app_role_can_neither_insert_nor_move_a_row_into_tenant_B()
    {
        var (owner, app) = await DatabaseAsync();
        await SeedAsync(owner, "a", "b");
        foreach (var (table, insert) in RowOf)
        {
            await using var connection = await app.OpenConnectionAsync();
            await connection.ExecuteAsync(TenantScope.For(insert), new { TenantId = "a", Tenant = "a" });

            var insertTheirs = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(TenantScope.For(insert), new { TenantId = "a", Tenant = "b" }));
            var moveOurs = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
                TenantScope.For($"UPDATE {table} SET tenant_id = 'b' WHERE tenant_id = 'a'"), new { TenantId = "a" }));

            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, insertTheirs.SqlState);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, moveOurs.SqlState);
        }

        await using var check = await owner.OpenConnectionAsync();
        foreach (var table in RowOf.Keys)
        {
            Assert.Equal(1, await check.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table} WHERE tenant_id = 'b'"));
        }
    }

    [Fact]
    public async Task With_no_tenant_named_the_app_role_sees_nothing_and_writes_nothing()
    {
        var (owner, app) = await DatabaseAsync();
        await SeedAsync(owner, "a", "b");
        foreach (var (table, insert) in RowOf)
        {
            await using var connection = await app.OpenConnectionAsync();

            var visible = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
            var updated = AppendOnly.Contains(table) ? 0 : await connection.ExecuteAsync($"UPDATE {table} SET tenant_id = tenant_id");
            var inserted = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(insert, new { Tenant = "a" }));

            Assert.Equal(0, visible);
            Assert.Equal(0, updated);
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, inserted.SqlState);
        }
    }

    [Fact]
    public async Task A_tenant_named_for_one_command_is_gone_for_the_next_on_the_same_connection()
    {
        var (owner, app) = await DatabaseAsync();
        await SeedAsync(owner, "a");
        await using var connection = await app.OpenConnectionAsync();

        var named = await connection.ExecuteScalarAsync<long>(TenantScope.For("SELECT count(*) FROM decisions"), new { TenantId = "a" });
        var after = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM decisions");

        Assert.Equal(1, named);
        Assert.Equal(0, after);
    }

    [Fact]
    public async Task The_app_role_cannot_delete_nor_reach_a_partition_past_the_policy()
    {
        var (owner, app) = await DatabaseAsync();
        await SeedAsync(owner, "a", "b");
        await using var connection = await app.OpenConnectionAsync();

        var delete = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(TenantScope.For("DELETE FROM decisions"), new { TenantId = "a" }));
        var partition = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteScalarAsync<long>("SELECT count(*) FROM decisions_default"));
        var tenants = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tenants"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, delete.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, partition.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, tenants.SqlState);
    }

    [Fact]
    public async Task Before_the_tenant_is_known_a_key_is_found_by_its_hash_alone_and_only_while_active()
    {
        var (owner, app) = await DatabaseAsync();
        var keys = new ApiKeyStore(owner);
        await keys.EnsureTenantWithKeysAsync("a", "Lender A", new Dictionary<string, string> { ["analyst"] = "key-of-a" }, CancellationToken.None);
        await keys.EnsureTenantWithKeysAsync("b", "Lender B", new Dictionary<string, string> { ["admin"] = "key-of-b" }, CancellationToken.None);
        var lookups = new ApiKeyStore(app);

        var found = await lookups.FindActiveAsync(ApiKeyHash.Compute("key-of-a"), CancellationToken.None);
        var unknown = await lookups.FindActiveAsync(ApiKeyHash.Compute("key-of-nobody"), CancellationToken.None);
        await lookups.RevokeAsync("a", found!.KeyId, CancellationToken.None);
        var revoked = await lookups.FindActiveAsync(ApiKeyHash.Compute("key-of-a"), CancellationToken.None);
        await using var connection = await app.OpenConnectionAsync();
        var direct = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM api_keys");

        Assert.Equal(("a", "analyst"), (found.TenantId, found.Role));
        Assert.Null(unknown);
        Assert.Null(revoked);
        Assert.Equal(0, direct);
    }

    // A migrated database, and data sources for its owner and for the services' role.
    private async Task<(NpgsqlDataSource Owner, NpgsqlDataSource App)> DatabaseAsync()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        var owner = NpgsqlDataSource.Create(connectionString);
        await Migrator.ApplyAsync(connectionString);
        var app = new NpgsqlConnectionStringBuilder(connectionString);
        TenantScope.RunAs(app, TenantScope.AppRole);
        return (owner, NpgsqlDataSource.Create(app.ConnectionString));
    }

    private static async Task SeedAsync(NpgsqlDataSource owner, params string[] tenants)
    {
        await using var connection = await owner.OpenConnectionAsync();
        foreach (var tenant in tenants)
        {
            await connection.ExecuteAsync("INSERT INTO tenants (tenant_id, name) VALUES (@Tenant, @Tenant)", new { Tenant = tenant });
            foreach (var insert in RowOf.Values)
            {
                await connection.ExecuteAsync(insert, new { Tenant = tenant });
            }
        }
    }
}
