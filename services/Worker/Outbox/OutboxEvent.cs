namespace Worker.Outbox;

// One row of the outbox as the relay publishes it; Payload is the event's JSON, never logged.
public sealed record OutboxEvent(long OutboxId, string TenantId, string EventType, Guid AggregateId, string Payload, string? TraceId, DateTime CreatedAt);
