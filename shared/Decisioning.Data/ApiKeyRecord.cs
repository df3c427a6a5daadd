namespace Decisioning.Data;

/// <summary>An active API key: whose it is and what it may do.</summary>
public sealed record ApiKeyRecord(Guid KeyId, string TenantId, string Role);
