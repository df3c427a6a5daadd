using System.Net;
using System.Text;
using Decisioning.IntegrationTests.Decisions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Security;

// OWASP API8:2023. Every answer, errors included, carries headers that keep browsers from sniffing, framing or caching
// it, and no Server header; problems say what the caller can do, never how the service failed inside.
[Collection(SecurityCollection.Name)]
public class Api8_SecurityMisconfiguration(SecurityPlatform security)
{
    private Platform Platform => security.Platform;

    [Fact]
    public async Task Api8_every_gateway_answer_has_the_security_headers_and_no_server_header()
    {
        var tenant = await Platform.CreateTenantAsync();
        using var decider = Platform.Client(tenant.Decider);
        using var created = await decider.PostDecisionAsync(Applications.LowRisk());
        var answers = new List<(string Name, HttpResponseMessage Response)>
        {
            ("201 decision", created),
            ("200 decision", await decider.GetAsync(created.Headers.Location)),
            ("404 decision", await decider.GetAsync($"/v1/decisions/{Guid.NewGuid()}")),
            ("400 body", await decider.PostRawAsync(Encoding.UTF8.GetBytes("{\"amount\": \"lots\"}"), "bad-body")),
            ("401 no key", await Platform.Client(null).GetAsync("/v1/decisions")),
            ("403 role", await decider.GetAsync("/v1/admin/keys")),
            ("404 route", await decider.GetAsync("/v1/nothing-here")),
            ("health", await Platform.Client(null).GetAsync("/health")),
            ("openapi", await Platform.Client(null).GetAsync("/openapi/v1.json")),
        };

        try
        {
            Assert.All(answers, answer => AssertHardened(answer.Name, answer.Response));
        }
        finally
        {
            answers.ForEach(answer => answer.Response.Dispose());
        }
    }

    [Fact]
    public async Task Api8_the_model_services_admin_endpoints_have_the_security_headers_and_no_server_header()
    {
        using var http = new HttpClient();
        using var scoring = await http.GetAsync(new Uri(Platform.CreditScoringAdminAddress, "/alive"));
        using var pricing = await http.GetAsync(new Uri(Platform.PricingAdminAddress, "/metrics"));

        AssertHardened("CreditScoring /alive", scoring);
        AssertHardened("Pricing /metrics", pricing);
    }

    [Fact]
    public async Task Api8_a_body_of_the_wrong_shape_gets_a_problem_without_internals()
    {
        var tenant = await Platform.CreateTenantAsync();
        using var decider = Platform.Client(tenant.Decider);

        using var wrongType = await decider.PostRawAsync(Encoding.UTF8.GetBytes("{\"applicant\": {\"age\": {\"$gt\": 1}}}"), "wrong-type");
        using var deep = await decider.PostRawAsync(Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)), "deep");

        foreach (var response in new[] { wrongType, deep })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            AssertNoInternals(await response.Content.ReadAsStringAsync());
        }
    }

    // Issue 13, item 6: the retry hint of a GET (or any endpoint without an Idempotency-Key) never mentions the key.
    [Fact]
    public async Task Api8_with_the_database_down_a_get_is_told_to_retry_and_only_a_decision_post_to_reuse_its_idempotency_key()
    {
        var tenant = await Platform.CreateTenantAsync();
        using var decider = Platform.Client(tenant.Decider);
        using var created = await decider.PostDecisionAsync(Applications.LowRisk());

        await Platform.Database.StopServerAsync();
        try
        {
            using var get = await decider.GetAsync(created.Headers.Location);
            using var post = await decider.PostDecisionAsync(Applications.LowRisk(), "while-the-database-is-down");
            var getProblem = await get.Content.ReadAsStringAsync();
            var postProblem = await post.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, get.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
            Assert.NotNull(get.Headers.RetryAfter);
            Assert.Contains("retry later", getProblem, StringComparison.Ordinal);
            Assert.DoesNotContain("Idempotency-Key", getProblem, StringComparison.Ordinal);
            Assert.Contains("with the same Idempotency-Key", postProblem, StringComparison.Ordinal);
            AssertNoInternals(getProblem);
            AssertNoInternals(postProblem);
        }
        finally
        {
            await Platform.Database.StartServerAsync();
            Platform.DataSource.Clear();
        }
    }

    private static void AssertHardened(string name, HttpResponseMessage response)
    {
        Assert.False(response.Headers.Contains("Server"), $"{name}: Server header {string.Join(",", response.Headers.TryGetValues("Server", out var s) ? s : [])}");
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", $"{name}: X-Content-Type-Options");
        Assert.True(response.Headers.TryGetValues("X-Frame-Options", out var frame) && frame.Single() == "DENY", $"{name}: X-Frame-Options");
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp) && csp.Single() == "default-src 'none'; frame-ancestors 'none'", $"{name}: Content-Security-Policy");
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", $"{name}: Referrer-Policy");
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{name}: Cache-Control {response.Headers.CacheControl}");
    }

    private static void AssertNoInternals(string problem)
    {
        foreach (var leak in new[] { "   at ", "Exception", "Npgsql", "System.", "Gateway.", "stackTrace" })
        {
            Assert.DoesNotContain(leak, problem, StringComparison.Ordinal);
        }
    }
}
