namespace Decisioning.IntegrationTests.Tenancy;

/// <summary>
/// One row of the access matrix: an endpoint, the roles that may call it (none and anonymous for an open one),
/// the statuses that count as success, what another tenant's caller gets, and how to call it.
/// </summary>
public sealed record AccessRule(
    string Method,
    string Path,
    IReadOnlyList<string> Roles,
    IReadOnlyList<int> Success,
    CrossTenant CrossTenant,
    Func<HttpClient, AccessScene, Task<HttpResponseMessage>> Send)
{
    public bool Anonymous => Roles.Count == 0;

    public string Name => $"{Method} {Path}";
}
