namespace Decisioning.IntegrationTests.Worker;

/// <summary>One message as a consumer of the events exchange received it.</summary>
public sealed record ReceivedEvent(
    string? MessageId,
    string RoutingKey,
    string? Type,
    string? ContentType,
    bool Persistent,
    string? TenantId,
    string? TraceParent,
    string Body);
