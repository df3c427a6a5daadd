namespace Decisioning.Data;

/// <summary>A tenant's webhook endpoint as an admin sees it: never its secret.</summary>
/// <remarks>Init properties rather than a positional record: Npgsql reports a text[] column as System.Array, which no constructor parameter matches for Dapper.</remarks>
public sealed record WebhookEndpoint
{
    public Guid EndpointId { get; init; }

    public string Url { get; init; } = "";

    public string[] Events { get; init; } = [];

    public string? Description { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? DisabledAt { get; init; }

    public string? DisabledReason { get; init; }
}
