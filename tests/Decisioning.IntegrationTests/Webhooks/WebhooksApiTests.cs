using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Reviews;
using Npgsql;

namespace Decisioning.IntegrationTests.Webhooks;

public class WebhooksApiTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task An_admin_creates_an_endpoint_whose_secret_is_shown_once_then_lists_reads_and_deletes_it()
    {
        var tenant = await platform.CreateTenantAsync();
        using var admin = platform.Client(tenant.Admin);

        using var created = await admin.PostAsJsonAsync("/v1/webhooks", new { url = "http://127.0.0.1:9/hooks", events = new[] { "decision.made.v1", "review.resolved.v1" }, description = "loan app" });
        var body = await created.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        var secret = body.GetProperty("secret").GetString()!;
        var listed = await admin.GetStringAsync("/v1/webhooks");
        var read = await admin.GetStringAsync($"/v1/webhooks/{id}");
        using var deleted = await admin.DeleteAsync($"/v1/webhooks/{id}");
        using var readAfter = await admin.GetAsync($"/v1/webhooks/{id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/v1/webhooks/{id}", created.Headers.Location?.ToString());
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.Equal("http://127.0.0.1:9/hooks", body.GetProperty("url").GetString());
        Assert.Equal(["decision.made.v1", "review.resolved.v1"], body.GetProperty("events").EnumerateArray().Select(e => e.GetString()!));
        Assert.Contains(id.ToString(), listed);
        Assert.Contains("loan app", read);
        Assert.DoesNotContain(secret["whsec_".Length..], listed + read);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, readAfter.StatusCode);
    }

    public static TheoryData<string, object, string> BadEndpoints => new()
    {
        { "not a URL", new { url = "not a url", events = new[] { "decision.made.v1" } }, "url" },
        { "relative URL", new { url = "/hooks", events = new[] { "decision.made.v1" } }, "url" },
        { "ftp", new { url = "ftp://hooks.example.com/x", events = new[] { "decision.made.v1" } }, "url" },
        { "http to a host not allowed", new { url = "http://hooks.example.com/x", events = new[] { "decision.made.v1" } }, "url" },
        { "https to a private address", new { url = "https://10.1.2.3/x", events = new[] { "decision.made.v1" } }, "url" },
        { "https to the metadata address", new { url = "https://169.254.169.254/latest", events = new[] { "decision.made.v1" } }, "url" },
        { "https to loopback by name", new { url = "https://localhost/x", events = new[] { "decision.made.v1" } }, "url" },
        { "user and password in the URL", new { url = "https://user:pw@hooks.example.com/x", events = new[] { "decision.made.v1" } }, "url" },
        { "unknown event type", new { url = "http://127.0.0.1:9/x", events = new[] { "decision.deleted.v1" } }, "events[0]" },
        { "the test event", new { url = "http://127.0.0.1:9/x", events = new[] { "webhook.test.v1" } }, "events[0]" },
        { "empty event list", new { url = "http://127.0.0.1:9/x", events = Array.Empty<string>() }, "events" },
        { "no event list", new { url = "http://127.0.0.1:9/x" }, "events" },
        { "an event twice", new { url = "http://127.0.0.1:9/x", events = new[] { "decision.made.v1", "decision.made.v1" } }, "events" },
        { "description too long", new { url = "http://127.0.0.1:9/x", events = new[] { "decision.made.v1" }, description = new string('d', 501) }, "description" },
    };

    [Theory]
    [MemberData(nameof(BadEndpoints))]
    public async Task A_bad_endpoint_is_a_validation_problem_and_stores_nothing(string why, object request, string field)
    {
        var tenant = await platform.CreateTenantAsync();
        using var admin = platform.Client(tenant.Admin);

        using var response = await admin.PostAsJsonAsync("/v1/webhooks", request);
        var problem = await response.JsonAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: {problem}");
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/v1/webhooks")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_tenant_has_at_most_twenty_endpoints_even_when_created_at_once()
    {
        var tenant = await platform.CreateTenantAsync();
        using var admin = platform.Client(tenant.Admin);

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            admin.PostAsJsonAsync("/v1/webhooks", new { url = $"http://127.0.0.1:9/hook-{i}", events = new[] { "decision.made.v1" } })));
        var listed = await admin.GetFromJsonAsync<JsonElement>("/v1/webhooks");

        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(20, listed.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Rotating_the_secret_shows_a_new_one_and_keeps_the_old_one_for_a_day()
    {
        var tenant = await platform.CreateTenantAsync();
        using var admin = platform.Client(tenant.Admin);
        var created = await (await admin.PostAsJsonAsync("/v1/webhooks", new { url = "http://127.0.0.1:9/x", events = new[] { "decision.made.v1" } })).JsonAsync();
        var id = created.GetProperty("id").GetGuid();

        using var rotated = await admin.PostAsync($"/v1/webhooks/{id}/rotate-secret", null);
        var body = await rotated.JsonAsync();
        await using var command = platform.DataSource.CreateCommand("SELECT previous_secret FROM webhook_endpoints WHERE endpoint_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.StartsWith("whsec_", body.GetProperty("secret").GetString());
        Assert.NotEqual(created.GetProperty("secret").GetString(), body.GetProperty("secret").GetString());
        Assert.InRange(body.GetProperty("previousSecretExpiresAt").GetDateTime(), DateTime.UtcNow.AddHours(23.9), DateTime.UtcNow.AddHours(24.1));
        Assert.Equal(created.GetProperty("secret").GetString(), (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_test_delivery_is_listed_pending_and_pages_follow_the_cursor()
    {
        var tenant = await platform.CreateTenantAsync();
        using var admin = platform.Client(tenant.Admin);
        var id = (await (await admin.PostAsJsonAsync("/v1/webhooks", new { url = "http://127.0.0.1:9/x", events = new[] { "decision.made.v1" } })).JsonAsync()).GetProperty("id").GetGuid();

        var accepted = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            using var test = await admin.PostAsync($"/v1/webhooks/{id}/test", null);
            Assert.Equal(HttpStatusCode.Accepted, test.StatusCode);
            accepted.Add((await test.JsonAsync()).GetProperty("deliveryId").GetGuid());
        }

        var first = await admin.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{id}/deliveries?limit=2");
        var second = await admin.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{id}/deliveries?limit=2&cursor={first.GetProperty("nextCursor").GetString()}");
        var delivered = await admin.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{id}/deliveries?status=delivered");
        using var badCursor = await admin.GetAsync($"/v1/webhooks/{id}/deliveries?cursor=not-a-cursor");
        using var badStatus = await admin.GetAsync($"/v1/webhooks/{id}/deliveries?status=lost");
        using var badLimit = await admin.GetAsync($"/v1/webhooks/{id}/deliveries?limit=0");

        var paged = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(accepted.AsEnumerable().Reverse(), paged.Select(d => d.GetProperty("deliveryId").GetGuid()));
        Assert.All(paged, d => Assert.Equal("webhook.test.v1", d.GetProperty("eventType").GetString()));
        Assert.All(paged, d => Assert.Equal(0, d.GetProperty("attempts").GetInt32()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal(0, delivered.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [Fact]
    public async Task Only_a_dead_delivery_is_redriven_and_it_becomes_pending_again()
    {
        var scene = await Tenancy.AccessScene.CreateAsync(platform, referrals: 0);
        using var admin = platform.Client(scene.Tenant.Admin);
        var (webhookId, deliveryId) = await scene.NewDeadDeliveryAsync();

        using var redriven = await admin.PostAsync($"/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redrive", null);
        using var again = await admin.PostAsync($"/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redrive", null);
        using var unknown = await admin.PostAsync($"/v1/webhooks/{webhookId}/deliveries/{Guid.CreateVersion7()}/redrive", null);
        var listed = await admin.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{webhookId}/deliveries?status=pending");

        Assert.Equal(HttpStatusCode.Accepted, redriven.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(deliveryId, listed.GetProperty("items")[0].GetProperty("deliveryId").GetGuid());
        Assert.Equal(9, listed.GetProperty("items")[0].GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_resolved_review_writes_its_event_to_the_outbox_with_ids_only()
    {
        var tenant = await platform.CreateTenantAsync();
        using var decider = platform.Client(tenant.Decider);
        var id = await decider.ReferAsync();
        using var admin = platform.Client(tenant.Admin);

        using var resolved = await admin.ResolveAsync(id, "decline", "AFFORDABILITY", "Spoke to the applicant.");
        using var twice = await admin.ResolveAsync(id, "approve", "INCOME_VERIFIED");
        await using var command = platform.DataSource.CreateCommand("SELECT payload::text FROM outbox WHERE tenant_id = $1 AND event_type = 'review.resolved.v1'");
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.TenantId });
        var events = new List<JsonElement>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                events.Add(JsonDocument.Parse(reader.GetString(0)).RootElement.Clone());
            }
        }

        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, twice.StatusCode);
        var resolvedEvent = Assert.Single(events);
        Assert.Equal(id, resolvedEvent.GetProperty("decisionId").GetGuid());
        Assert.Equal("decline", resolvedEvent.GetProperty("finalOutcome").GetString());
        Assert.Equal("AFFORDABILITY", resolvedEvent.GetProperty("reasonCode").GetString());
        Assert.False(string.IsNullOrEmpty(resolvedEvent.GetProperty("applicationId").GetString()));
        Assert.InRange(resolvedEvent.GetProperty("resolvedAt").GetDateTime(), DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        Assert.DoesNotContain("Spoke to", resolvedEvent.ToString());
    }
}
