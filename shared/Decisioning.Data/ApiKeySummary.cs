namespace Decisioning.Data;

/// <summary>What an admin may see of a key: never the key, never its hash.</summary>
public sealed record ApiKeySummary(Guid KeyId, string Role, string Prefix, DateTime CreatedAt, DateTime? RevokedAt);
