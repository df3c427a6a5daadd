using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Reviews;

public class ReviewQueueTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task A_referral_is_claimed_resolved_and_shown_on_the_decision_whose_document_stays_unchanged()
    {
        var tenant = await platform.CreateTenantAsync();
        using var decider = platform.Client(tenant.Decider);
        var body = Applications.MediumRisk();
        using var created = await decider.PostDecisionAsync(body, "refer-1");
        var createdText = await created.Content.ReadAsStringAsync();
        var id = JsonDocument.Parse(createdText).RootElement.GetProperty("decisionId").GetGuid();
        var stored = await platform.StoredDocumentAsync(tenant.TenantId, id);

        var open = await ReadDecisionAsync(tenant, id);
        Assert.Equal("open", open["review"]!["status"]!.GetValue<string>());
        Assert.Null(open["review"]!["finalOutcome"]);

        using var reviewer = platform.Client(tenant.Reviewer);
        using var claim = await reviewer.ClaimAsync();
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        var claimed = await claim.JsonAsync();
        Assert.Equal(id, claimed.GetProperty("decisionId").GetGuid());
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(createdText).RootElement), JsonSerializer.Serialize(claimed.GetProperty("decision")));
        Assert.InRange(claimed.GetProperty("leaseExpiresAt").GetDateTime(), DateTime.UtcNow.AddSeconds(800), DateTime.UtcNow.AddSeconds(1000));
        Assert.Equal("claimed", (await ReadDecisionAsync(tenant, id))["review"]!["status"]!.GetValue<string>());

        using var resolve = await reviewer.ResolveAsync(id, "approve", "INCOME_VERIFIED", "Payslips checked.");
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);

        var read = await ReadDecisionAsync(tenant, id);
        var review = read["review"]!;
        Assert.Equal("resolved", review["status"]!.GetValue<string>());
        Assert.Equal("approve", review["finalOutcome"]!.GetValue<string>());
        Assert.Equal("INCOME_VERIFIED", review["reason"]!.GetValue<string>());
        Assert.Equal("Payslips checked.", review["note"]!.GetValue<string>());
        Assert.Equal((await platform.KeyIdAsync(tenant.Reviewer)).ToString(), review["decidedBy"]!.GetValue<string>());
        Assert.Equal("reviewer", review["decidedByRole"]!.GetValue<string>());
        Assert.InRange(review["resolvedAt"]!.GetValue<DateTime>(), DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("refer", read["outcome"]!.GetValue<string>());
        read.Remove("review");
        Assert.Equal(JsonNode.Parse(createdText)!.ToJsonString(), read.ToJsonString());

        Assert.Equal(stored, await platform.StoredDocumentAsync(tenant.TenantId, id));
        using var replay = await decider.PostDecisionAsync(body, "refer-1");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(stored, await replay.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_claim_is_idempotent_for_the_reviewer_holding_the_lease()
    {
        var tenant = await platform.CreateTenantAsync();
        using var decider = platform.Client(tenant.Decider);
        var first = await decider.ReferAsync();
        await decider.ReferAsync();
        using var reviewer = platform.Client(tenant.Reviewer);

        using var claim1 = await reviewer.ClaimAsync();
        using var claim2 = await reviewer.ClaimAsync();

        var (a, b) = (await claim1.JsonAsync(), await claim2.JsonAsync());
        Assert.Equal(first, a.GetProperty("decisionId").GetGuid());
        Assert.Equal(first, b.GetProperty("decisionId").GetGuid());
        Assert.Equal(a.GetProperty("leaseExpiresAt").GetDateTime(), b.GetProperty("leaseExpiresAt").GetDateTime());
    }

    [Fact]
    public async Task The_queue_hands_out_the_oldest_case_first_and_only_referrals_open_cases()
    {
        var tenant = await platform.CreateTenantAsync();
        using var decider = platform.Client(tenant.Decider);
        using var approved = await decider.PostDecisionAsync(Applications.LowRisk());
        using var declined = await decider.PostDecisionAsync(Applications.HighRisk());
        var oldest = await decider.ReferAsync();
        var newest = await decider.ReferAsync();
        var reviewers = await platform.AddReviewersAsync(tenant, 3);

        using var first = await platform.Client(reviewers[0]).ClaimAsync();
        using var second = await platform.Client(reviewers[1]).ClaimAsync();
        using var third = await platform.Client(reviewers[2]).ClaimAsync();

        Assert.Equal(oldest, (await first.JsonAsync()).GetProperty("decisionId").GetGuid());
        Assert.Equal(newest, (await second.JsonAsync()).GetProperty("decisionId").GetGuid());
        Assert.Equal(HttpStatusCode.NoContent, third.StatusCode);
        var approvedRead = await ReadDecisionAsync(tenant, (await approved.JsonAsync()).GetProperty("decisionId").GetGuid());
        Assert.False(approvedRead.ContainsKey("review"));
    }

    [Fact]
    public async Task Only_the_lease_holder_or_an_admin_may_resolve_and_only_once()
    {
        var tenant = await platform.CreateTenantAsync();
        using var decider = platform.Client(tenant.Decider);
        var held = await decider.ReferAsync();
        var unclaimed = await decider.ReferAsync();
        var other = (await platform.AddReviewersAsync(tenant, 1))[0];
        using var holder = platform.Client(tenant.Reviewer);
        using var claim = await holder.ClaimAsync();
        Assert.Equal(held, (await claim.JsonAsync()).GetProperty("decisionId").GetGuid());

        using var byOther = await platform.Client(other).ResolveAsync(held, "decline", "DTI_TOO_HIGH");
        using var unclaimedByReviewer = await holder.ResolveAsync(unclaimed);
        using var byAdmin = await platform.Client(tenant.Admin).ResolveAsync(unclaimed, "decline", "FRAUD_SUSPECTED");
        using var byHolder = await holder.ResolveAsync(held);
        using var again = await holder.ResolveAsync(held, "decline", "CHANGED_MIND");

        Assert.Equal(HttpStatusCode.Conflict, byOther.StatusCode);
        Assert.Contains("lease", (await byOther.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, unclaimedByReviewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal("admin", (await byAdmin.JsonAsync()).GetProperty("decidedByRole").GetString());
        Assert.Equal(HttpStatusCode.OK, byHolder.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Review case already resolved", (await again.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal("approve", (await ReadDecisionAsync(tenant, held))["review"]!["finalOutcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_ids_and_another_tenants_cases_are_not_found()
    {
        var owner = await platform.CreateTenantAsync();
        var stranger = await platform.CreateTenantAsync();
        var id = await platform.Client(owner.Decider).ReferAsync();
        using var approved = await platform.Client(owner.Decider).PostDecisionAsync(Applications.LowRisk());
        var approvedId = (await approved.JsonAsync()).GetProperty("decisionId").GetGuid();

        using var strangerClaim = await platform.Client(stranger.Reviewer).ClaimAsync();
        using var strangerResolve = await platform.Client(stranger.Admin).ResolveAsync(id);
        using var unknown = await platform.Client(owner.Reviewer).ResolveAsync(Guid.CreateVersion7());
        using var notReferred = await platform.Client(owner.Admin).ResolveAsync(approvedId);

        Assert.Equal(HttpStatusCode.NoContent, strangerClaim.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, strangerResolve.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notReferred.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("open", (await ReadDecisionAsync(owner, id))["review"]!["status"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string> InvalidResolutions => new()
    {
        { "missing outcome", """{"reason":"X"}""", "outcome" },
        { "refer is not a final outcome", """{"outcome":"refer","reason":"X"}""", "outcome" },
        { "missing reason", """{"outcome":"approve"}""", "reason" },
        { "reason too long", $$"""{"outcome":"approve","reason":"{{new string('R', 65)}}"}""", "reason" },
        { "reason is prose, not a code", """{"outcome":"approve","reason":"Spoke to Jane Doe"}""", "reason" },
        { "note too long", $$"""{"outcome":"approve","reason":"X","note":"{{new string('n', 2001)}}"}""", "note" },
    };

    [Theory]
    [MemberData(nameof(InvalidResolutions))]
    public async Task Invalid_resolutions_are_reported_by_field_and_change_nothing(string because, string body, string field)
    {
        var tenant = await platform.CreateTenantAsync();
        var id = await platform.Client(tenant.Decider).ReferAsync();
        using var reviewer = platform.Client(tenant.Reviewer);
        using var claim = await reviewer.ClaimAsync();

        using var response = await reviewer.PostAsync($"/v1/reviews/{id}/resolve", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), because);
        Assert.Equal("claimed", (await ReadDecisionAsync(tenant, id))["review"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deciders_and_analysts_may_not_work_the_queue()
    {
        var tenant = await platform.CreateTenantAsync();

        using var decider = await platform.Client(tenant.Decider).ClaimAsync();
        using var analyst = await platform.Client(tenant.Analyst).ResolveAsync(Guid.CreateVersion7());

        Assert.Equal(HttpStatusCode.Forbidden, decider.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, analyst.StatusCode);
    }

    [Fact]
    public async Task Reviewers_claiming_in_parallel_get_every_case_exactly_once()
    {
        const int cases = 40;
        const int reviewerCount = 8;
        var tenant = await platform.CreateTenantAsync();
        using var decider = platform.Client(tenant.Decider);
        var referred = new List<Guid>();
        foreach (var chunk in Enumerable.Range(0, cases).Chunk(8))
        {
            referred.AddRange(await Task.WhenAll(chunk.Select(_ => decider.ReferAsync())));
        }

        var keys = await platform.AddReviewersAsync(tenant, reviewerCount);
        var handedOut = new ConcurrentBag<Guid>();
        await Task.WhenAll(keys.Select(key => Task.Run(async () =>
        {
            using var reviewer = platform.Client(key);
            while (true)
            {
                using var claim = await reviewer.ClaimAsync();
                if (claim.StatusCode == HttpStatusCode.NoContent)
                {
                    return;
                }

                Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
                var id = (await claim.JsonAsync()).GetProperty("decisionId").GetGuid();
                handedOut.Add(id);
                using var resolve = await reviewer.ResolveAsync(id, id.GetHashCode() % 2 == 0 ? "approve" : "decline");
                Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
            }
        })));

        Assert.Equal(cases, handedOut.Count);
        Assert.Equal(referred.Order(), handedOut.Order());
        await using var connection = await platform.DataSource.OpenConnectionAsync();
        var unresolved = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM review_cases WHERE tenant_id = @TenantId AND resolved_at IS NULL", new { tenant.TenantId });
        Assert.Equal(0, unresolved);
    }

    private async Task<JsonObject> ReadDecisionAsync(TestTenant tenant, Guid id)
    {
        using var response = await platform.Client(tenant.Analyst).GetAsync($"/v1/decisions/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
