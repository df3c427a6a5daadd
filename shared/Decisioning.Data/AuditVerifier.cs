using System.Data;
using Dapper;
using Npgsql;

namespace Decisioning.Data;

/// <summary>
/// Walks every tenant's audit chain, as the tables' owner (row-level security does not apply), and names
/// the first row that was edited, the first gap where rows were deleted, or a tail cut off behind the chain head.
/// </summary>
public static class AuditVerifier
{
    private const string SelectHeads = "SELECT tenant_id AS TenantId, last_seq AS LastSeq, last_hash AS LastHash FROM audit_chain_heads";

    private const string SelectRows = """
        SELECT tenant_id, seq, occurred_at, actor_key_id, actor_role, action, target, remote_address, prev_hash, row_hash
        FROM audit_log
        ORDER BY tenant_id, seq
        """;

    /// <summary>Verifies every chain; the first problem found, or a count of what was verified.</summary>
    public static async Task<AuditVerification> VerifyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var heads = (await connection.QueryAsync<ChainHead>(new CommandDefinition(SelectHeads, cancellationToken: cancellationToken)))
            .ToDictionary(h => h.TenantId, StringComparer.Ordinal);

        var tenants = 0;
        long rows = 0;
        string? tenant = null;
        long lastSeq = 0;
        byte[] lastHash = AuditChain.Genesis.ToArray();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(SelectRows, cancellationToken: cancellationToken), CommandBehavior.SequentialAccess))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var entry = new AuditEntry(
                    reader.GetString(0), reader.GetInt64(1), reader.GetDateTime(2), reader.GetGuid(3), reader.GetString(4),
                    reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7));
                var prevHash = (byte[])reader.GetValue(8);
                var rowHash = (byte[])reader.GetValue(9);
                if (entry.TenantId != tenant)
                {
                    if (tenant is not null && EndOfChain(tenant, lastSeq, lastHash, heads) is { } problem)
                    {
                        return new AuditVerification(tenants, rows, problem);
                    }

                    tenant = entry.TenantId;
                    tenants++;
                    lastSeq = 0;
                    lastHash = AuditChain.Genesis.ToArray();
                }

                if (entry.Seq != lastSeq + 1)
                {
                    var missing = entry.Seq - 1 > lastSeq + 1 ? $"rows {lastSeq + 1} to {entry.Seq - 1} are" : $"row {lastSeq + 1} is";
                    return new AuditVerification(tenants, rows, $"Tenant '{tenant}': {missing} missing (deleted): row {entry.Seq} follows row {lastSeq}.");
                }

                if (!prevHash.AsSpan().SequenceEqual(lastHash))
                {
                    return new AuditVerification(tenants, rows,
                        $"Tenant '{tenant}': row {entry.Seq} does not link to row {lastSeq}: row {lastSeq} was rewritten, or row {entry.Seq}'s link was.");
                }

                var computed = AuditChain.Hash(prevHash, entry);
                if (!computed.AsSpan().SequenceEqual(rowHash))
                {
                    return new AuditVerification(tenants, rows,
                        $"Tenant '{tenant}': row {entry.Seq} ({entry.Action} at {entry.OccurredAt:O}) was edited: its content no longer matches its hash.");
                }

                lastSeq = entry.Seq;
                lastHash = computed;
                rows++;
            }
        }

        if (tenant is not null && EndOfChain(tenant, lastSeq, lastHash, heads) is { } last)
        {
            return new AuditVerification(tenants, rows, last);
        }

        foreach (var (orphan, head) in heads.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            if (head.LastSeq > 0)
            {
                return new AuditVerification(tenants, rows, $"Tenant '{orphan}': rows 1 to {head.LastSeq} are missing (deleted): the chain head records {head.LastSeq} rows and the log has none.");
            }
        }

        return new AuditVerification(tenants, rows, null);
    }

    // The chain must end where its head says: otherwise rows were cut off the end (or the head was tampered with).
    // The head is consumed, so that heads left over at the end are those of chains with no rows at all.
    private static string? EndOfChain(string tenant, long lastSeq, byte[] lastHash, Dictionary<string, ChainHead> heads)
    {
        if (!heads.Remove(tenant, out var head))
        {
            return $"Tenant '{tenant}': the chain has {lastSeq} rows but no chain head (the head was deleted).";
        }

        if (head.LastSeq > lastSeq)
        {
            var missing = head.LastSeq > lastSeq + 1 ? $"rows {lastSeq + 1} to {head.LastSeq} are" : $"row {head.LastSeq} is";
            return $"Tenant '{tenant}': {missing} missing (deleted) from the end: the chain head records {head.LastSeq} rows, the log ends at row {lastSeq}.";
        }

        if (head.LastSeq < lastSeq || !head.LastHash.AsSpan().SequenceEqual(lastHash))
        {
            return $"Tenant '{tenant}': the chain head (row {head.LastSeq}) does not match the log's last row {lastSeq}: the head or the last row was rewritten.";
        }

        return null;
    }

    private sealed record ChainHead(string TenantId, long LastSeq, byte[] LastHash);
}
