using System.Net;
using System.Text.Json;
using Decisioning.IntegrationTests.Infrastructure;
using Decisioning.IntegrationTests.Tenancy;

namespace Decisioning.IntegrationTests.Security;

// OWASP API9:2023. The OpenAPI document is the inventory: every API endpoint is in it, under the version prefix /v1
// (but POST /graphql, whose schema changes by additions and deprecations rather than versions), named and tagged; the access matrix holds a row for each (AccessMatrixTests fails on one without a row), and the
// only endpoints outside it are the operational ones the matrix lists as undocumented.
[Collection(SecurityCollection.Name)]
public class Api9_ImproperInventoryManagement(SecurityPlatform security)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
    private static readonly string[] Unversioned = ["/graphql"];

    private Platform Platform => security.Platform;

    [Fact]
    public async Task Api9_every_documented_operation_is_versioned_under_v1_named_once_and_tagged()
    {
        using var document = JsonDocument.Parse(await Platform.Client(null).GetStringAsync("/openapi/v1.json"));
        var failures = new List<string>();
        var names = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                var where = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                if (!path.Name.StartsWith("/v1/", StringComparison.Ordinal) && !Unversioned.Contains(path.Name))
                {
                    failures.Add($"{where}: not under /v1/");
                }

                if (operation.Value.TryGetProperty("operationId", out var id))
                {
                    names.Add(id.GetString()!);
                }
                else
                {
                    failures.Add($"{where}: no operationId");
                }

                if (!operation.Value.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0)
                {
                    failures.Add($"{where}: no tag");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(AccessMatrix.Documented.Count, names.Count);
    }

    [Fact]
    public async Task Api9_the_operational_endpoints_outside_the_document_are_exactly_the_undocumented_rows_of_the_matrix()
    {
        using var anonymous = Platform.Client(null);
        var undocumented = AccessMatrix.Undocumented.Select(r => r.Path).Order().ToArray();
        var probes = new[] { "/health", "/alive", "/metrics", "/openapi/v1.json", "/swagger", "/swagger/index.html", "/openapi/v2.json", "/v0/decisions", "/v2/decisions", "/debug", "/env" };
        var answering = new List<string>();
        foreach (var probe in probes)
        {
            using var response = await anonymous.GetAsync(probe);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                answering.Add(probe);
            }
        }

        Assert.Equal(undocumented, answering.Order().ToArray());
    }
}
