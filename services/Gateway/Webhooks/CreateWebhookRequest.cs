namespace Gateway.Webhooks;

public sealed record CreateWebhookRequest(string? Url, string[]? Events, string? Description);
