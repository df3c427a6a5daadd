using Dapper;
using Npgsql;

namespace Decisioning.Data;

/// <summary>Looks up and creates tenants' API keys.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    // Before the tenant is known: through the function that returns only the matching active key.
    private const string SelectByHash = """
        SELECT key_id AS KeyId, tenant_id AS TenantId, role AS Role
        FROM find_active_api_key(@KeyHash)
        """;

    private const string InsertTenant = """
        INSERT INTO tenants (tenant_id, name) VALUES (@TenantId, @Name)
        ON CONFLICT (tenant_id) DO NOTHING
        """;

    private const string InsertKey = TenantScope.Prefix + """
        INSERT INTO api_keys (key_id, tenant_id, key_hash, key_prefix, role)
        VALUES (@KeyId, @TenantId, @KeyHash, @KeyPrefix, @Role)
        ON CONFLICT (key_hash) DO NOTHING
        """;

    private const string SelectForTenant = TenantScope.Prefix + """
        SELECT key_id AS KeyId, role AS Role, key_prefix AS Prefix, created_at AS CreatedAt, revoked_at AS RevokedAt
        FROM api_keys
        WHERE tenant_id = @TenantId
        ORDER BY created_at, key_id
        """;

    // The notification is sent when this statement's transaction commits, and only then: every Gateway forgets the key.
    private const string Revoke = TenantScope.Prefix + """
        UPDATE api_keys SET revoked_at = now()
        WHERE tenant_id = @TenantId AND key_id = @KeyId AND revoked_at IS NULL
        RETURNING key_hash, pg_notify('api_key_revoked', upper(encode(key_hash, 'hex')))
        """;

    private const string InsertNewKey = TenantScope.Prefix + """
        INSERT INTO api_keys (key_id, tenant_id, key_hash, key_prefix, role)
        VALUES (@KeyId, @TenantId, @KeyHash, @KeyPrefix, @Role)
        RETURNING key_id AS KeyId, role AS Role, key_prefix AS Prefix, created_at AS CreatedAt, revoked_at AS RevokedAt
        """;

    private const string Exists = TenantScope.Prefix + "SELECT EXISTS (SELECT 1 FROM api_keys WHERE tenant_id = @TenantId AND key_id = @KeyId)";

    /// <summary>The active key with this hash, or null.</summary>
    public async Task<ApiKeyRecord?> FindActiveAsync(byte[] keyHash, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("api_key_find");
        return await dataSource.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<ApiKeyRecord>(
            new CommandDefinition(SelectByHash, new { KeyHash = keyHash }, cancellationToken: cancellationToken)), cancellationToken);
    }

    /// <summary>Creates a key for the tenant and returns it: the only time the key itself is seen.</summary>
    public async Task<(ApiKeySummary Summary, string ApiKey)> CreateAsync(string tenantId, string role, CancellationToken cancellationToken)
    {
        // 32 random bytes: a fast hash at rest is then as good as a slow one.
        var apiKey = "dk_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var row = new { KeyId = Guid.CreateVersion7(), TenantId = tenantId, KeyHash = ApiKeyHash.Compute(apiKey), KeyPrefix = ApiKeyHash.Prefix(apiKey), Role = role };
        using var timing = DatabaseMetrics.Time("api_key_create");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var created = await connection.QuerySingleAsync<ApiKeySummary>(new CommandDefinition(InsertNewKey, row, cancellationToken: cancellationToken));
        return (created, apiKey);
    }

    /// <summary>The tenant's keys, active and revoked; never the keys themselves.</summary>
    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("api_key_list");
        return (await dataSource.ReadAsync(connection => connection.QueryAsync<ApiKeySummary>(new CommandDefinition(SelectForTenant, new { TenantId = tenantId }, cancellationToken: cancellationToken)), cancellationToken)).AsList();
    }

    /// <summary>Revokes one of the tenant's keys and announces it on <see cref="ApiKeyRevocations.Channel"/>; returns its hash when it was active, or why not.</summary>
    public async Task<(bool Found, byte[]? RevokedHash)> RevokeAsync(string tenantId, Guid keyId, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("api_key_revoke");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var hash = await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(Revoke, new { TenantId = tenantId, KeyId = keyId }, cancellationToken: cancellationToken));
        if (hash is not null)
        {
            return (true, hash);
        }

        return (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(Exists, new { TenantId = tenantId, KeyId = keyId }, cancellationToken: cancellationToken)), null);
    }

    /// <summary>Creates the tenant if needed and adds the given keys (by role); existing keys are left as they are.</summary>
    public async Task EnsureTenantWithKeysAsync(string tenantId, string name, IReadOnlyDictionary<string, string> keysByRole, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("tenant_ensure");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertTenant, new { TenantId = tenantId, Name = name }, transaction, cancellationToken: cancellationToken));
        foreach (var (role, key) in keysByRole)
        {
            var row = new { KeyId = Guid.CreateVersion7(), TenantId = tenantId, KeyHash = ApiKeyHash.Compute(key), KeyPrefix = ApiKeyHash.Prefix(key), Role = role };
            await connection.ExecuteAsync(new CommandDefinition(InsertKey, row, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
