using Google.Protobuf;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Resource.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace Decisioning.IntegrationTests.Infrastructure;

/// <summary>A span as an OTLP receiver got it, with the resource and instrumentation scope it came under.</summary>
public sealed record ReceivedSpan(Resource Resource, string Scope, Span Span)
{
    public string ServiceName => OtlpValues.Attribute(Resource.Attributes, "service.name") ?? "";

    public string TraceId => OtlpValues.Hex(Span.TraceId);

    public string SpanId => OtlpValues.Hex(Span.SpanId);

    public string ParentSpanId => OtlpValues.Hex(Span.ParentSpanId);

    public string? Attribute(string key) => OtlpValues.Attribute(Span.Attributes, key);

    public bool Overlaps(ReceivedSpan other) =>
        Span.StartTimeUnixNano < other.Span.EndTimeUnixNano && other.Span.StartTimeUnixNano < Span.EndTimeUnixNano;

    public override string ToString() => $"{ServiceName} {Scope} {Span.Kind} '{Span.Name}' {SpanId} <- {ParentSpanId}";
}
