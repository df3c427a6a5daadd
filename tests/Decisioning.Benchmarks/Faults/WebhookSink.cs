using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Decisioning.Benchmarks.Faults;

// A lending app's webhook receiver on loopback: answers 204 to every delivery and deduplicates on webhook-id, as
// Standard Webhooks asks receivers to; keeps, per decision, the distinct webhook ids that announced it.
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication app;

    private WebhookSink(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }

    public ConcurrentDictionary<Guid, ConcurrentDictionary<string, byte>> IdsByDecision { get; } = new();

    public long Received => Interlocked.Read(ref received);

    private long received;

    public static async Task<WebhookSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookSink? sink = null;
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            var id = request.Headers["webhook-id"].ToString();
            var body = await JsonNode.ParseAsync(request.Body);
            Interlocked.Increment(ref sink!.received);
            if (body?["data"]?["decisionId"]?.GetValue<string>() is { } decision && Guid.TryParse(decision, out var decisionId) && id.Length > 0)
            {
                sink.IdsByDecision.GetOrAdd(decisionId, _ => new ConcurrentDictionary<string, byte>()).TryAdd(id, 0);
            }

            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink = new WebhookSink(app, address.TrimEnd('/') + "/hooks");
        return sink;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
