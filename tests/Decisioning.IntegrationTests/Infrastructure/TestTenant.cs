namespace Decisioning.IntegrationTests.Infrastructure;

public sealed record TestTenant(string TenantId, IReadOnlyDictionary<string, string> Keys)
{
    public string Decider => Keys["decider"];

    public string Analyst => Keys["analyst"];

    public string Reviewer => Keys["reviewer"];

    public string Admin => Keys["admin"];
}
