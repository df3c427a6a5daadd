using Dapper;
using Npgsql;

namespace Decisioning.Data;

/// <summary>Looks up and creates tenants' API keys.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    private const string SelectByHash = """
        SELECT key_id AS KeyId, tenant_id AS TenantId, role AS Role
        FROM api_keys
        WHERE key_hash = @KeyHash AND revoked_at IS NULL
        """;

    private const string InsertTenant = """
        INSERT INTO tenants (tenant_id, name) VALUES (@TenantId, @Name)
        ON CONFLICT (tenant_id) DO NOTHING
        """;

    private const string InsertKey = """
        INSERT INTO api_keys (key_id, tenant_id, key_hash, key_prefix, role)
        VALUES (@KeyId, @TenantId, @KeyHash, @KeyPrefix, @Role)
        ON CONFLICT (key_hash) DO NOTHING
        """;

    /// <summary>The active key with this hash, or null.</summary>
    public async Task<ApiKeyRecord?> FindActiveAsync(byte[] keyHash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApiKeyRecord>(
            new CommandDefinition(SelectByHash, new { KeyHash = keyHash }, cancellationToken: cancellationToken));
    }

    /// <summary>Creates the tenant if needed and adds the given keys (by role); existing keys are left as they are.</summary>
    public async Task EnsureTenantWithKeysAsync(string tenantId, string name, IReadOnlyDictionary<string, string> keysByRole, CancellationToken cancellationToken)
    {
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
