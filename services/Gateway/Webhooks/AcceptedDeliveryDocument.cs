namespace Gateway.Webhooks;

public sealed record AcceptedDeliveryDocument(Guid DeliveryId, Guid EventId, string Status);
