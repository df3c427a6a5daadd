using System.Text;
using System.Text.Json;
using Decisioning.Webhooks;
using RabbitMQ.Client;

namespace Worker.Webhooks;

// An event message from the broker, read for webhook delivery: its id (the outbox id, the same on every redelivery),
// tenant, type, trace and the body every endpoint gets. Read refuses what cannot be delivered, with the reason (never
// the message's content: it goes to the logs and to the dead-letter header).
public sealed record WebhookMessage(string MessageId, string TenantId, string EventType, string Body, string? TraceId)
{
    public static WebhookMessage? Read(IReadOnlyBasicProperties properties, ReadOnlySpan<byte> body, DateTimeOffset receivedAt, out string refusal)
    {
        refusal = "";
        if (string.IsNullOrEmpty(properties.MessageId) || properties.MessageId.Length > 100)
        {
            refusal = "The message has no message id (or one over 100 characters).";
            return null;
        }

        if (properties.Type is not { } type || !WebhookEvents.Subscribable.Contains(type, StringComparer.Ordinal))
        {
            refusal = "The message's type is not an event type webhooks deliver.";
            return null;
        }

        if (Header(properties, "tenant_id") is not { Length: > 0 and <= 100 } tenantId)
        {
            refusal = "The message has no tenant_id header.";
            return null;
        }

        string envelope;
        try
        {
            // A timestamp from before 2000 or after 9999 is not one the relay wrote: the time of receipt stands in.
            var timestamp = properties.Timestamp.UnixTime is > 946_684_800 and < 253_402_300_800 ? DateTimeOffset.FromUnixTimeSeconds(properties.Timestamp.UnixTime) : receivedAt;
            envelope = WebhookEnvelope.Create(type, timestamp, body);
        }
        catch (JsonException)
        {
            refusal = "The message's body is not one JSON object.";
            return null;
        }

        return new WebhookMessage(properties.MessageId, tenantId, type, envelope, TraceIdOf(Header(properties, "traceparent")));
    }

    private static string? Header(IReadOnlyBasicProperties properties, string name) =>
        properties.Headers is { } headers && headers.TryGetValue(name, out var value) && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null;

    // "00-<32 hex trace id>-<16 hex span id>-<2 hex flags>": the trace id, or null when the header is not that.
    private static string? TraceIdOf(string? traceParent) =>
        traceParent is { Length: 55 } && traceParent[2] == '-' && traceParent[35] == '-' && traceParent.AsSpan(3, 32).ContainsAnyExcept("0123456789abcdef") is false
        && traceParent.AsSpan(3, 32).ContainsAnyExcept('0')
            ? traceParent.Substring(3, 32)
            : null;
}
