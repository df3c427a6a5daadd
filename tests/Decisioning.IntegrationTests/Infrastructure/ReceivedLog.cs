using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Resource.V1;

namespace Decisioning.IntegrationTests.Infrastructure;

/// <summary>A log record as an OTLP receiver got it, with the resource and scope (the logger category) it came under.</summary>
public sealed record ReceivedLog(Resource Resource, string Scope, LogRecord Record)
{
    public string ServiceName => OtlpValues.Attribute(Resource.Attributes, "service.name") ?? "";

    public string TraceId => OtlpValues.Hex(Record.TraceId);

    public string SpanId => OtlpValues.Hex(Record.SpanId);

    public string Body => OtlpValues.Text(Record.Body);
}
