using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;

namespace Decisioning.IntegrationTests.Infrastructure;

/// <summary>
/// An OpenTelemetry collector stand-in: a Kestrel server on a free loopback port receiving OTLP/HTTP protobuf at
/// <c>/v1/traces</c> and <c>/v1/logs</c>, keeping every span and log record it decoded.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedSpan> _spans = [];
    private readonly List<ReceivedLog> _logs = [];

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base endpoint, for OTEL_EXPORTER_OTLP_ENDPOINT with OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<ReceivedSpan> Spans
    {
        get
        {
            lock (_spans)
            {
                return _spans.ToArray();
            }
        }
    }

    public IReadOnlyList<ReceivedLog> Logs
    {
        get
        {
            lock (_logs)
            {
                return _logs.ToArray();
            }
        }
    }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", receiver.ReceiveTracesAsync);
        app.MapPost("/v1/logs", receiver.ReceiveLogsAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    /// <summary>Polls until <paramref name="found"/> returns a value (bounded by <paramref name="timeout"/>); throws with <paramref name="what"/> otherwise.</summary>
    public async Task<T> WaitForAsync<T>(Func<OtlpReceiver, T?> found, string what, TimeSpan? timeout = null)
        where T : class
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (found(this) is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The OTLP receiver did not get {what} in time ({Spans.Count} spans, {Logs.Count} log records received).");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private async Task ReceiveTracesAsync(HttpContext context)
    {
        var request = ExportTraceServiceRequest.Parser.ParseFrom(await ReadBodyAsync(context));
        lock (_spans)
        {
            foreach (var resourceSpans in request.ResourceSpans)
            {
                foreach (var scopeSpans in resourceSpans.ScopeSpans)
                {
                    _spans.AddRange(scopeSpans.Spans.Select(span => new ReceivedSpan(resourceSpans.Resource, scopeSpans.Scope?.Name ?? "", span)));
                }
            }
        }

        await WriteAsync(context, new ExportTraceServiceResponse());
    }

    private async Task ReceiveLogsAsync(HttpContext context)
    {
        var request = ExportLogsServiceRequest.Parser.ParseFrom(await ReadBodyAsync(context));
        lock (_logs)
        {
            foreach (var resourceLogs in request.ResourceLogs)
            {
                foreach (var scopeLogs in resourceLogs.ScopeLogs)
                {
                    _logs.AddRange(scopeLogs.LogRecords.Select(record => new ReceivedLog(resourceLogs.Resource, scopeLogs.Scope?.Name ?? "", record)));
                }
            }
        }

        await WriteAsync(context, new ExportLogsServiceResponse());
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentType != "application/x-protobuf")
        {
            throw new BadHttpRequestException($"Unexpected content type {context.Request.ContentType}.", StatusCodes.Status415UnsupportedMediaType);
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        return body.ToArray();
    }

    private static Task WriteAsync(HttpContext context, IMessage response)
    {
        context.Response.ContentType = "application/x-protobuf";
        return context.Response.Body.WriteAsync(response.ToByteArray(), context.RequestAborted).AsTask();
    }
}
