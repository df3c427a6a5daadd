namespace Decisioning.Data;

/// <summary>
/// One event's delivery to one endpoint. <see cref="Status"/> is "pending" (not tried yet, or redriven), "failed"
/// (tried, the next attempt at <see cref="NextAttemptAt"/>), "delivered" or "dead" (attempts exhausted).
/// </summary>
public sealed record WebhookDelivery(
    Guid DeliveryId,
    Guid EventId,
    string EventType,
    string Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTime? NextAttemptAt,
    DateTime CreatedAt,
    DateTime? DeliveredAt);
