namespace Gateway.Auth;

// Roles carried by API keys, the authorization policies built from them and the claims of an authenticated key.
public static class Roles
{
    public const string Decider = "decider";
    public const string Analyst = "analyst";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";

    public const string MakeDecisionsPolicy = "make-decisions";
    public const string ReadDecisionsPolicy = "read-decisions";
    public const string ReadHistoryPolicy = "read-history";
    public const string AdminPolicy = "admin";
    public const string ReviewCasesPolicy = "review-cases";
    public const string RecordOutcomesPolicy = "record-outcomes";
    public const string ReadModelPerformancePolicy = "read-model-performance";
    public const string ReadApplicationsPolicy = "read-applications";

    public const string TenantClaim = "tenant";
    public const string KeyIdClaim = "key_id";
}
