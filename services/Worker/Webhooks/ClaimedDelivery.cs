namespace Worker.Webhooks;

// A due delivery claimed by a sender, with what it needs to send it. LeaseUntil is the claim: the delivery's next
// attempt time as the claim set it, so an outcome is recorded only while the claim still holds.
public sealed class ClaimedDelivery
{
    public string TenantId { get; init; } = "";

    public Guid EndpointId { get; init; }

    public Guid DeliveryId { get; init; }

    public Guid EventId { get; init; }

    public string EventType { get; init; } = "";

    public string Body { get; init; } = "";

    public string? TraceId { get; init; }

    public string Status { get; init; } = "";

    public int ScheduleAttempts { get; init; }

    public DateTime LeaseUntil { get; init; }

    public string Url { get; init; } = "";

    public string Secret { get; init; } = "";

    public string? PreviousSecret { get; init; }

    public bool Deleted { get; init; }

    public bool Disabled { get; init; }
}
