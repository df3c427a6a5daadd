using System.Net;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Observability;

// Applications with marker values go through the platform while it exports to an OTLP receiver: no marker may
// show up in an exported log record or span, a metric label, or anything a service prints.
public class PrivacyTests(TracedPlatform traced) : IClassFixture<TracedPlatform>
{
    private const string ApplicationMarker = "LA-PRIVACY-7f3a";
    private const string KeyMarker = "idem-PRIVACY-91c4e0";

    [Fact]
    public async Task Marker_values_appear_in_no_log_record_span_metric_label_or_service_output()
    {
        var tenant = await traced.Platform.CreateTenantAsync();
        using var client = traced.Platform.Client(tenant.Decider);

        var application = Applications.MediumRisk(ApplicationMarker);
        using var created = await client.PostDecisionAsync(application, KeyMarker);
        using var replayed = await client.PostDecisionAsync(application, KeyMarker);
        using var conflict = await client.PostDecisionAsync(Applications.LowRisk(ApplicationMarker), KeyMarker);
        var invalid = Applications.LowRisk(ApplicationMarker);
        invalid["amount"] = -1;
        using var rejected = await client.PostDecisionAsync(invalid, KeyMarker + "-invalid");
        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.BadRequest],
            new[] { created, replayed, conflict, rejected }.Select(r => r.StatusCode));
        // A query string carries whatever the caller put in it: it never reaches a span, not even redacted.
        using var listed = await client.GetAsync($"/v1/decisions?cursor={ApplicationMarker}");
        var json = await created.JsonAsync();
        var traceId = json.GetProperty("traceId").GetString()!;
        var decisionId = json.GetProperty("decisionId").GetString()!;

        // The decision's telemetry has arrived (so the search below is not vacuous), then a few more batches.
        await traced.Receiver.WaitForAsync(r => r.Logs.FirstOrDefault(l => l.Body.Contains(decisionId, StringComparison.Ordinal)), "the decision's log line");
        await traced.Receiver.WaitForAsync(
            r => r.Spans.Where(s => s.TraceId == traceId).Select(s => s.ServiceName).Distinct().Count() == 3 ? r : null, "the decision's spans from all three services");
        await Task.Delay(1000);

        var exported = new List<(string Where, string Text)>();
        foreach (var log in traced.Receiver.Logs)
        {
            exported.Add(($"log {log.ServiceName}/{log.Scope}", $"{log.Body} {log.Record.EventName} {Join(log.Record.Attributes)}"));
        }

        foreach (var span in traced.Receiver.Spans)
        {
            var events = string.Join(" ", span.Span.Events.Select(e => e.Name + " " + Join(e.Attributes)));
            exported.Add(($"span {span}", $"{span.Span.Name} {Join(span.Span.Attributes)} {events} {span.Span.Status?.Message} {Join(span.Resource.Attributes)}"));
        }

        Assert.Contains(exported, e => e.Text.Contains(decisionId, StringComparison.Ordinal));
        Assert.Contains(traced.Receiver.Spans, s => s.Attribute("url.path") == "/v1/decisions" && s.Span.Kind == OpenTelemetry.Proto.Trace.V1.Span.Types.SpanKind.Server && s.Span.Name.StartsWith("GET", StringComparison.Ordinal));
        Assert.DoesNotContain(traced.Receiver.Spans, s => s.Span.Attributes.Any(a => a.Key == "url.query"));
        var scrapes = await Task.WhenAll(
            Scrape.FetchAsync(traced.Platform.GatewayAddress),
            Scrape.FetchAsync(traced.Platform.CreditScoringAdminAddress),
            Scrape.FetchAsync(traced.Platform.PricingAdminAddress));
        exported.AddRange(scrapes.Select(s => ("metrics", s.Text)));
        foreach (var service in new[] { traced.Platform.Gateway, traced.Platform.CreditScoring!, traced.Platform.Pricing! })
        {
            exported.Add(($"output of {service.Name}", service.Output));
        }

        foreach (var secret in new[] { ApplicationMarker, KeyMarker, tenant.Decider })
        {
            var leaks = exported.Where(e => e.Text.Contains(secret, StringComparison.OrdinalIgnoreCase)).Select(e => e.Where).ToArray();
            Assert.True(leaks.Length == 0, $"'{secret}' leaked into: {string.Join("; ", leaks)}");
        }
    }

    private static string Join(IEnumerable<OpenTelemetry.Proto.Common.V1.KeyValue> attributes) =>
        string.Join(" ", attributes.Select(a => a.Key + "=" + OtlpValues.Text(a.Value)));
}
