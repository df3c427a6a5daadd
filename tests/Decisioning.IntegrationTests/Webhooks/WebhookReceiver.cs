using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Decisioning.IntegrationTests.Webhooks;

/// <summary>A lending app's webhook endpoint: a Kestrel server on a free loopback port that records every request and answers what <see cref="Answer"/> says.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedWebhook> _received = [];

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>The status to answer a request with, given its webhook-id and how many requests with that id came before it; 200 by default.</summary>
    public Func<string, int, int> Answer { get; set; } = (_, _) => 200;

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks", receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.Url = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()), "/hooks");
        return receiver;
    }

    /// <summary>Polls until <paramref name="done"/> holds for what was received, or throws after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done(Received))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{what} within {timeout.TotalSeconds} s; received {Received.Count}: {string.Join(", ", Received.Select(r => $"{r.Id} -> {r.Status}"))}");
            }

            await Task.Delay(100);
        }

        return Received;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var id = context.Request.Headers["webhook-id"].ToString();
        int status;
        lock (_received)
        {
            status = Answer(id, _received.Count(r => r.Id == id));
            _received.Add(new ReceivedWebhook(
                id,
                context.Request.Headers["webhook-timestamp"].ToString(),
                context.Request.Headers["webhook-signature"].ToString(),
                context.Request.ContentType,
                body,
                status,
                DateTime.UtcNow));
        }

        context.Response.StatusCode = status;
        await context.Response.WriteAsync(status >= 300 ? "receiver says no" : "");
    }
}

/// <summary>One request the receiver got, and what it answered.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string? ContentType, string Body, int Status, DateTime ReceivedAt);
