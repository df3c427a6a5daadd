namespace Gateway.Webhooks;

public sealed record WebhookListDocument(IReadOnlyList<WebhookDocument> Items);
