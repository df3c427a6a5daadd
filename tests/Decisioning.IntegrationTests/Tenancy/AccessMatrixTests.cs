using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Tenancy;

// Every endpoint × every caller: the roles of the tenant, no key, an unknown key, and every role of
// another tenant sending this tenant's ids. Failures are collected so one run shows every wrong cell.
public partial class AccessMatrixTests(Platform platform) : IClassFixture<Platform>
{
    [Fact]
    public async Task Every_documented_endpoint_has_a_row_in_the_matrix_and_every_row_is_documented()
    {
        using var anonymous = platform.Client(null);
        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
        var documented = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => HttpMethods.Contains(o.Name)))
            {
                documented.Add($"{operation.Name.ToUpperInvariant()} {NormalisePath(path.Name)}");
            }
        }

        var rows = AccessMatrix.Documented.Select(r => r.Name).ToList();

        Assert.NotEmpty(documented);
        Assert.Empty(documented.Except(rows));
        Assert.Empty(rows.Except(documented));
        Assert.Equal(rows.Count, rows.Distinct().Count());
    }

    [Fact]
    public async Task Each_role_succeeds_exactly_where_the_matrix_allows_it_and_is_forbidden_elsewhere()
    {
        var scene = await AccessScene.CreateAsync(platform, referrals: 4);
        var failures = new List<string>();
        foreach (var rule in AccessMatrix.All)
        {
            foreach (var role in AccessMatrix.AllRoles)
            {
                using var client = platform.Client(scene.Tenant.Keys[role]);
                using var response = await rule.Send(client, scene);
                var status = (int)response.StatusCode;
                var allowed = rule.Anonymous || rule.Roles.Contains(role);
                if (allowed ? !rule.Success.Contains(status) : status != 403)
                {
                    failures.Add($"{rule.Name} as {role}: {status}, expected {(allowed ? string.Join(" or ", rule.Success) : "403")}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Without_a_key_or_with_an_unknown_key_only_the_open_endpoints_answer()
    {
        var scene = await AccessScene.CreateAsync(platform, referrals: 1);
        var failures = new List<string>();
        foreach (var rule in AccessMatrix.All)
        {
            foreach (var key in new[] { null, "dk_not-a-key-of-anyone" })
            {
                using var client = platform.Client(key);
                using var response = await rule.Send(client, scene);
                var status = (int)response.StatusCode;
                if (rule.Anonymous ? !rule.Success.Contains(status) : status != 401)
                {
                    failures.Add($"{rule.Name} with {(key is null ? "no key" : "an unknown key")}: {status}, expected {(rule.Anonymous ? "success" : "401")}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Another_tenants_keys_with_this_tenants_ids_get_404_or_only_their_own_data()
    {
        var scene = await AccessScene.CreateAsync(platform, referrals: 2);
        var other = await platform.CreateTenantAsync();
        var failures = new List<string>();
        foreach (var rule in AccessMatrix.Documented)
        {
            foreach (var role in rule.Roles)
            {
                using var client = platform.Client(other.Keys[role]);
                using var response = await rule.Send(client, scene);
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                var ok = rule.CrossTenant == CrossTenant.NotFound ? status == 404 : status is >= 200 and < 300;
                if (!ok)
                {
                    failures.Add($"{rule.Name} as another tenant's {role}: {status}, expected {(rule.CrossTenant == CrossTenant.NotFound ? "404" : "2xx")}");
                }

                // A 404 may name the id the caller sent; anything else of this tenant's is a leak.
                var sent = response.RequestMessage?.RequestUri?.ToString() ?? "";
                if (scene.Secrets.FirstOrDefault(secret => body.Contains(secret, StringComparison.Ordinal) && !sent.Contains(secret, StringComparison.Ordinal)) is { } leaked)
                {
                    failures.Add($"{rule.Name} as another tenant's {role}: the answer contains this tenant's '{leaked}'");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Another_tenants_calls_leave_this_tenants_cases_unresolved_and_without_outcomes()
    {
        var scene = await AccessScene.CreateAsync(platform, referrals: 1);
        var other = await platform.CreateTenantAsync();
        foreach (var rule in AccessMatrix.Documented.Where(r => r.Method == "POST" && r.Path is "/v1/reviews/{decisionId}/resolve" or "/v1/outcomes"))
        {
            using var client = platform.Client(other.Admin);
            using var response = await rule.Send(client, scene);
        }

        await using var connection = await platform.DataSource.OpenConnectionAsync();
        var resolved = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM review_cases WHERE tenant_id = @TenantId AND resolved_at IS NOT NULL", new { scene.Tenant.TenantId });
        var outcomes = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM loan_outcomes WHERE tenant_id = @TenantId", new { scene.Tenant.TenantId });

        Assert.Equal(0, resolved);
        Assert.Equal(0, outcomes);
    }

    private static readonly HashSet<string> HttpMethods = ["get", "post", "put", "patch", "delete"];

    // "/v1/decisions/" and "/v1/decisions/{decisionId:guid}" are written as the matrix writes them.
    private static string NormalisePath(string path)
    {
        var normalised = RouteConstraint().Replace(path, "{$1}");
        return normalised.Length > 1 ? normalised.TrimEnd('/') : normalised;
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(:[^}]*)?\}")]
    private static partial Regex RouteConstraint();
}
