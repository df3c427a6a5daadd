using Dapper;
using Npgsql;

namespace Decisioning.Data;

/// <summary>Appends to the tenants' audit log chains.</summary>
public sealed class AuditStore(NpgsqlDataSource dataSource)
{
    // Creates the tenant's chain head on its first row, then locks it: appends of one tenant queue here,
    // each sees the row the one before it wrote, and the chain never forks.
    private const string LockHead = TenantScope.Prefix + """
        INSERT INTO audit_chain_heads (tenant_id, last_seq, last_hash) VALUES (@TenantId, 0, @Genesis)
        ON CONFLICT (tenant_id) DO NOTHING;
        SELECT last_seq AS LastSeq, last_hash AS LastHash FROM audit_chain_heads WHERE tenant_id = @TenantId FOR UPDATE
        """;

    private const string Append = """
        INSERT INTO audit_log (tenant_id, seq, occurred_at, actor_key_id, actor_role, action, target, remote_address, prev_hash, row_hash)
        VALUES (@TenantId, @Seq, @OccurredAt, @ActorKeyId, @ActorRole, @Action, @Target, @RemoteAddress, @PrevHash, @RowHash);
        UPDATE audit_chain_heads SET last_seq = @Seq, last_hash = @RowHash WHERE tenant_id = @TenantId
        """;

    /// <summary>Appends <paramref name="entry"/> as the next row of its tenant's chain (its <c>Seq</c> is assigned here) and returns it as stored.</summary>
    public async Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        using var timing = DatabaseMetrics.Time("audit_append");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var head = await connection.QuerySingleAsync<ChainHead>(new CommandDefinition(
            LockHead, new { entry.TenantId, Genesis = AuditChain.Genesis.ToArray() }, transaction, cancellationToken: cancellationToken));
        var stored = entry with { Seq = head.LastSeq + 1, OccurredAt = AuditChain.ToStoredPrecision(entry.OccurredAt) };
        var rowHash = AuditChain.Hash(head.LastHash, stored);
        await connection.ExecuteAsync(new CommandDefinition(Append, new
        {
            stored.TenantId,
            stored.Seq,
            stored.OccurredAt,
            stored.ActorKeyId,
            stored.ActorRole,
            stored.Action,
            stored.Target,
            stored.RemoteAddress,
            PrevHash = head.LastHash,
            RowHash = rowHash,
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    private sealed record ChainHead(long LastSeq, byte[] LastHash);
}
