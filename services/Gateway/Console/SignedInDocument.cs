namespace Gateway.Console;

/// <summary>Who the caller's key is (GET /v1/me): what the console needs to show the pages of its role.</summary>
public sealed record SignedInDocument(string TenantId, string Role, Guid KeyId, string TraceUrlTemplate);
