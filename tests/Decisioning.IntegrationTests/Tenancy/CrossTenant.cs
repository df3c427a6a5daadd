namespace Decisioning.IntegrationTests.Tenancy;

/// <summary>What a caller of another tenant gets when it sends this tenant's ids.</summary>
public enum CrossTenant
{
    /// <summary>The endpoint takes one of this tenant's ids: 404, never 403, and no data.</summary>
    NotFound,

    /// <summary>The endpoint takes no id of this tenant: it answers for the caller's own tenant, with none of this tenant's data.</summary>
    OwnDataOnly,
}
