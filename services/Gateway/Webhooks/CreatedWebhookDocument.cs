namespace Gateway.Webhooks;

// The only answer that shows the signing secret.
public sealed record CreatedWebhookDocument(Guid Id, string Url, string[] Events, string? Description, string Secret, DateTime CreatedAt);
