using System.Net;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using OpenTelemetry.Proto.Trace.V1;

namespace Decisioning.IntegrationTests.Observability;

// The platform exports to an OTLP receiver: one decision is one trace across the three services and the
// database, its log lines carry the trace, and every span says which service and environment sent it.
public class TracingTests(TracedPlatform traced) : IClassFixture<TracedPlatform>
{
    private const string GrpcClientScope = "OpenTelemetry.Instrumentation.GrpcNetClient";
    private const string ScoreMethod = "decisioning.scoring.v1.CreditScoring/Score";
    private const string QuoteMethod = "decisioning.pricing.v1.Pricing/Quote";

    [Fact]
    public async Task One_decision_is_one_trace_from_the_gateway_through_both_models_to_the_database()
    {
        var tenant = await traced.Platform.CreateTenantAsync();
        using var client = traced.Platform.Client(tenant.Decider);

        using var response = await client.PostDecisionAsync(Applications.LowRisk());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var traceId = (await response.JsonAsync()).GetProperty("traceId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", traceId);

        var trace = await traced.Receiver.WaitForAsync(
            r => r.Spans.Where(s => s.TraceId == traceId).ToArray() is var spans
                && spans.Any(s => s.Scope == "Npgsql")
                && spans.Any(s => s.ServiceName == "CreditScoring" && s.Span.Kind == Span.Types.SpanKind.Server)
                && spans.Any(s => s.ServiceName == "Pricing" && s.Span.Kind == Span.Types.SpanKind.Server)
                && spans.Any(s => s.ServiceName == "Gateway" && s.Scope == "Microsoft.AspNetCore")
                ? spans : null,
            "the whole trace of the decision");
        var byId = trace.ToDictionary(s => s.SpanId);
        string Tree() => string.Join("\n", trace.Select(s => s.ToString()));

        // The Gateway's HTTP server span is the root, with the semantic-convention attributes; the route is the
        // template ASP.NET Core reports for the root of the /v1/decisions group.
        var root = Assert.Single(trace, s => s.ServiceName == "Gateway" && s.Span.Kind == Span.Types.SpanKind.Server);
        Assert.True(root.ParentSpanId.Length == 0 || !byId.ContainsKey(root.ParentSpanId), Tree());
        Assert.Equal("POST /v1/decisions/", root.Span.Name);
        Assert.Equal("/v1/decisions/", root.Attribute("http.route"));
        Assert.Equal("POST", root.Attribute("http.request.method"));
        Assert.Equal("201", root.Attribute("http.response.status_code"));
        Assert.Equal("/v1/decisions", root.Attribute("url.path"));

        // Two concurrent gRPC client spans (OpenTelemetry's grpc-dotnet instrumentation) inside it.
        var score = Assert.Single(trace, s => s.ServiceName == "Gateway" && s.Scope == GrpcClientScope && s.Span.Name == ScoreMethod);
        var quote = Assert.Single(trace, s => s.ServiceName == "Gateway" && s.Scope == GrpcClientScope && s.Span.Name == QuoteMethod);
        foreach (var call in new[] { score, quote })
        {
            Assert.Equal(Span.Types.SpanKind.Client, call.Span.Kind);
            Assert.Equal(root.SpanId, call.ParentSpanId);
            Assert.Equal("grpc", call.Attribute("rpc.system.name"));
            Assert.Equal("OK", call.Attribute("rpc.response.status_code"));
        }

        Assert.True(score.Overlaps(quote), "The model calls ran one after the other:\n" + Tree());

        // Each model service's server span is the child of its client span: one span per call, no HTTP client span between.
        var scored = Assert.Single(trace, s => s.ServiceName == "CreditScoring" && s.Span.Kind == Span.Types.SpanKind.Server);
        var quoted = Assert.Single(trace, s => s.ServiceName == "Pricing" && s.Span.Kind == Span.Types.SpanKind.Server);
        Assert.Equal(score.SpanId, scored.ParentSpanId);
        Assert.Equal(quote.SpanId, quoted.ParentSpanId);
        Assert.DoesNotContain(trace, s => s.Scope == "System.Net.Http");
        Assert.Equal(Span.Types.SpanKind.Server, scored.Span.Kind);
        Assert.Equal("POST /" + ScoreMethod, scored.Span.Name);
        Assert.Equal("german-scorecard", scored.Attribute("decisioning.model.name"));
        Assert.Equal("german-scorecard-1", scored.Attribute("decisioning.model.version"));
        Assert.Equal("POST /" + QuoteMethod, quoted.Span.Name);
        Assert.Equal("pricing-2", quoted.Attribute("decisioning.pricing.version"));

        // The decision's write is a database span under the Gateway's request.
        var database = trace.Where(s => s.Scope == "Npgsql").ToArray();
        Assert.NotEmpty(database);
        Assert.All(database, db => Assert.True(db.ServiceName == "Gateway" && IsDescendant(db, root, byId), Tree()));

        // Every span of the decision, in every service, belongs to the tree under the Gateway's span.
        Assert.All(trace.Where(s => s != root), s => Assert.True(IsDescendant(s, root, byId), $"{s} is not under the root:\n{Tree()}"));
        foreach (var service in new[] { "Gateway", "CreditScoring", "Pricing" })
        {
            var span = trace.First(s => s.ServiceName == service);
            Assert.Equal(TracedPlatform.Environment, OtlpValues.Attribute(span.Resource.Attributes, "deployment.environment"));
            Assert.False(string.IsNullOrEmpty(OtlpValues.Attribute(span.Resource.Attributes, "service.version")));
        }
    }

    [Fact]
    public async Task Log_records_of_a_decision_carry_its_trace_and_span_ids()
    {
        var tenant = await traced.Platform.CreateTenantAsync();
        using var client = traced.Platform.Client(tenant.Decider);

        using var response = await client.PostDecisionAsync(Applications.HighRisk());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        var traceId = json.GetProperty("traceId").GetString()!;
        var decisionId = json.GetProperty("decisionId").GetString()!;

        var log = await traced.Receiver.WaitForAsync(
            r => r.Logs.FirstOrDefault(l => l.ServiceName == "Gateway" && l.Body.Contains(decisionId, StringComparison.Ordinal)),
            "the Gateway's log line of the decision");
        var serverSpan = await traced.Receiver.WaitForAsync(
            r => r.Spans.FirstOrDefault(s => s.TraceId == traceId && s.ServiceName == "Gateway" && s.Span.Kind == Span.Types.SpanKind.Server),
            "the Gateway's server span");

        Assert.Equal(traceId, log.TraceId);
        Assert.Equal(serverSpan.SpanId, log.SpanId);
        Assert.Equal(OpenTelemetry.Proto.Logs.V1.SeverityNumber.Info, log.Record.SeverityNumber);
        Assert.Contains("decline", log.Body);
        Assert.Equal(TracedPlatform.Environment, OtlpValues.Attribute(log.Resource.Attributes, "deployment.environment"));
    }

    private static bool IsDescendant(ReceivedSpan span, ReceivedSpan ancestor, Dictionary<string, ReceivedSpan> byId)
    {
        for (var current = span; byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
