namespace Decisioning.Benchmarks.Fuzzing;

/// <summary>One valid API key per role of the tenant the bad requests are sent as.</summary>
public sealed record FuzzKeys(string Decider, string Analyst, string Reviewer, string Admin)
{
    public static readonly IReadOnlyList<string> Roles = ["decider", "analyst", "reviewer", "admin"];

    public string For(string role) => role switch
    {
        "decider" => Decider,
        "analyst" => Analyst,
        "reviewer" => Reviewer,
        "admin" => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a role."),
    };
}
