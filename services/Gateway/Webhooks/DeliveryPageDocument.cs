using Decisioning.Data;

namespace Gateway.Webhooks;

public sealed record DeliveryPageDocument(IReadOnlyList<WebhookDelivery> Items, string? NextCursor);
