namespace Migrator;

/// <summary>The local demo tenant's keys, which run.sh prints and the README uses; only ever seeded by the local default.</summary>
internal static class DemoTenant
{
    public static readonly IReadOnlyDictionary<string, string> KeysByRole = new Dictionary<string, string>
    {
        ["decider"] = "demo-decider-key",
        ["analyst"] = "demo-analyst-key",
        ["reviewer"] = "demo-reviewer-key",
        ["admin"] = "demo-admin-key",
    };
}
