using System.Net.Http.Json;
using System.Text.Json;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Webhooks;

/// <summary>A tenant with a webhook endpoint on a real receiver, and a Worker consuming its own exchange and queue with a short retry schedule.</summary>
public static class WebhookDeliveryScene
{
    public static async Task<(TestTenant Tenant, Guid WebhookId, string Secret, IReadOnlyDictionary<string, string> WorkerSettings)> CreateAsync(
        Platform platform, RabbitMqFixture rabbit, WebhookReceiver receiver, string[] events, int retries = 3, bool workerAllowsLoopback = true)
    {
        var tenant = await platform.CreateTenantAsync();
        using var admin = platform.Client(tenant.Admin);
        using var created = await admin.PostAsJsonAsync("/v1/webhooks", new { url = receiver.Url.ToString(), events });
        var body = await created.JsonAsync();
        var names = Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string>
        {
            ["Outbox:RabbitMqUri"] = rabbit.Server.AmqpUri.ToString(),
            ["Outbox:Exchange"] = "events-" + names,
            ["Outbox:PollMilliseconds"] = "100",
            ["Webhooks:Queue"] = "webhooks-" + names,
            ["Webhooks:DeadLetterExchange"] = "webhooks-dead-" + names,
            ["Webhooks:DeadLetterQueue"] = "webhooks-dead-" + names,
            ["Webhooks:PollMilliseconds"] = "100",
            // The circuit opens after five failures of the endpoint; a second keeps the tests short.
            ["Webhooks:BreakSeconds"] = "1",
            // A delivery claimed by a Worker that dies is claimed again after this (the shortest the 10 s timeout allows).
            ["Webhooks:LeaseSeconds"] = "20",
        };
        if (workerAllowsLoopback)
        {
            settings["Webhooks:AllowedHosts:0"] = "127.0.0.1";
        }

        for (var i = 0; i < retries; i++)
        {
            settings[$"Webhooks:RetryDelaysSeconds:{i}"] = "1";
        }

        await platform.StartWorkerAsync(settings);
        return (tenant, body.GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!, settings);
    }

    /// <summary>Checks every request's signature with Python's hmac (an implementation independent of ours); the script's output.</summary>
    public static async Task<string> VerifySignaturesAsync(string secret, IEnumerable<ReceivedWebhook> requests)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
            {
                secret,
                requests = requests.Select(r => new { id = r.Id, timestamp = r.Timestamp, signature = r.Signature, body = r.Body }),
            }));
            var script = Path.Combine(AppContext.BaseDirectory, "Webhooks", "verify_signatures.py");
            return await ProcessRunner.RunAsync("/usr/bin/python3", [script, file], TimeSpan.FromSeconds(30));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The endpoint's newest delivery in <paramref name="status"/>, polled for up to 30 s.</summary>
    public static async Task<JsonElement> WaitForDeliveryAsync(HttpClient admin, Guid webhookId, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{webhookId}/deliveries?status={status}");
            if (page.GetProperty("items").GetArrayLength() > 0)
            {
                return page.GetProperty("items")[0];
            }

            Assert.True(DateTime.UtcNow < until, $"No {status} delivery of webhook {webhookId} within 30 s.");
            await Task.Delay(200);
        }
    }
}
