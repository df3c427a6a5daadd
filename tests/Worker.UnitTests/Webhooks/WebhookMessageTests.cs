using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using Worker.Webhooks;

namespace Worker.UnitTests.Webhooks;

// What the consumer makes of a broker message: the body every endpoint gets, or the reason it cannot be delivered.
public class WebhookMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_event_becomes_the_standard_body_with_its_data_tenant_and_trace()
    {
        var properties = Properties("42", "decision.made.v1", "t-1", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        properties.Timestamp = new AmqpTimestamp(Now.AddMinutes(-1).ToUnixTimeSeconds());

        var message = WebhookMessage.Read(properties, """{"decisionId":"d-1","outcome":"approve"}"""u8, Now, out var refusal);

        Assert.Equal("", refusal);
        Assert.NotNull(message);
        Assert.Equal(("42", "t-1", "decision.made.v1", "0af7651916cd43dd8448eb211c80319c"), (message.MessageId, message.TenantId, message.EventType, message.TraceId));
        using var body = JsonDocument.Parse(message.Body);
        Assert.Equal("decision.made.v1", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("2026-12-06T09:59:00.000Z", body.RootElement.GetProperty("timestamp").GetString());
        Assert.Equal("approve", body.RootElement.GetProperty("data").GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData(null, "decision.made.v1", "t-1", "{}", "no message id")]
    [InlineData("1", "decision.unknown.v1", "t-1", "{}", "not an event type")]
    [InlineData("1", "webhook.test.v1", "t-1", "{}", "not an event type")]
    [InlineData("1", "decision.made.v1", null, "{}", "no tenant_id")]
    [InlineData("1", "decision.made.v1", "t-1", "[1, 2]", "not one JSON object")]
    [InlineData("1", "decision.made.v1", "t-1", "{\"a\":", "not one JSON object")]
    [InlineData("1", "decision.made.v1", "t-1", "{} {}", "not one JSON object")]
    public void A_message_that_cannot_be_delivered_is_refused_with_a_reason_that_quotes_none_of_it(string? id, string type, string? tenant, string body, string reason)
    {
        var message = WebhookMessage.Read(Properties(id, type, tenant, null), Encoding.UTF8.GetBytes(body), Now, out var refusal);

        Assert.Null(message);
        Assert.Contains(reason, refusal);
        Assert.DoesNotContain(body, refusal);
    }

    [Theory]
    [InlineData("00-NOT-A-TRACE-ID")]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01")]
    [InlineData("00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01")]
    public void A_malformed_traceparent_leaves_the_delivery_without_a_trace(string traceParent)
    {
        var message = WebhookMessage.Read(Properties("1", "review.resolved.v1", "t-1", traceParent), "{}"u8, Now, out _);

        Assert.Null(message!.TraceId);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    [InlineData(long.MaxValue)]
    public void A_timestamp_the_relay_cannot_have_written_gives_way_to_the_time_of_receipt(long unixSeconds)
    {
        var properties = Properties("1", "decision.made.v1", "t-1", null);
        properties.Timestamp = new AmqpTimestamp(unixSeconds);

        var message = WebhookMessage.Read(properties, "{}"u8, Now, out _);

        Assert.Equal("2026-12-06T10:00:00.000Z", JsonDocument.Parse(message!.Body).RootElement.GetProperty("timestamp").GetString());
    }

    [Fact]
    public void The_event_id_follows_from_the_message_id_alone()
    {
        Assert.Equal(WebhookInbox.EventIdOf("42"), WebhookInbox.EventIdOf("42"));
        Assert.NotEqual(WebhookInbox.EventIdOf("42"), WebhookInbox.EventIdOf("43"));
        Assert.Equal(8, WebhookInbox.EventIdOf("42").Version);
    }

    private static BasicProperties Properties(string? id, string type, string? tenant, string? traceParent)
    {
        var headers = new Dictionary<string, object?>();
        if (tenant is not null)
        {
            headers["tenant_id"] = Encoding.UTF8.GetBytes(tenant);
        }

        if (traceParent is not null)
        {
            headers["traceparent"] = Encoding.UTF8.GetBytes(traceParent);
        }

        return new BasicProperties { MessageId = id, Type = type, Headers = headers };
    }
}
