using Decisioning.Data;

namespace Gateway.Webhooks;

public sealed record WebhookDocument(Guid Id, string Url, string[] Events, string? Description, DateTime CreatedAt, DateTime? DisabledAt, string? DisabledReason)
{
    public static WebhookDocument From(WebhookEndpoint endpoint) =>
        new(endpoint.EndpointId, endpoint.Url, endpoint.Events, endpoint.Description, endpoint.CreatedAt, endpoint.DisabledAt, endpoint.DisabledReason);
}
