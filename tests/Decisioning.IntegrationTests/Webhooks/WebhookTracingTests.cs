using System.Net;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using OpenTelemetry.Proto.Trace.V1;

namespace Decisioning.IntegrationTests.Webhooks;

public class WebhookTracingTests(TracedPlatform traced, RabbitMqFixture rabbit) : IClassFixture<TracedPlatform>, IClassFixture<RabbitMqFixture>
{
    [Fact]
    public async Task A_delivery_is_a_span_in_the_decisions_trace_with_its_http_request_beneath_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (tenant, _, _, _) = await WebhookDeliveryScene.CreateAsync(traced.Platform, rabbit, receiver, ["decision.made.v1"]);

        using var response = await traced.Platform.Client(tenant.Decider).PostDecisionAsync(Applications.LowRisk());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var traceId = (await response.JsonAsync()).GetProperty("traceId").GetString()!;
        await receiver.WaitForAsync(r => r.Count == 1, TimeSpan.FromSeconds(30), "the decision's webhook");

        var deliver = await traced.Receiver.WaitForAsync(r => r.Spans.FirstOrDefault(s => s.TraceId == traceId && s.Span.Name == "webhook deliver"), "the delivery's span");
        var post = await traced.Receiver.WaitForAsync(r => r.Spans.FirstOrDefault(s => s.ParentSpanId == deliver.SpanId && s.Attribute("http.request.method") == "POST"), "the delivery's HTTP request");

        Assert.Equal("Worker", deliver.ServiceName);
        Assert.Equal("decision.made.v1", deliver.Attribute("decisioning.webhook.event_type"));
        Assert.Equal(traceId, post.TraceId);
        Assert.Equal(Span.Types.SpanKind.Client, post.Span.Kind);
        Assert.Equal("200", post.Attribute("http.response.status_code"));
    }
}
