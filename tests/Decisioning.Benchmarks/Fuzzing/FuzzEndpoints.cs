namespace Decisioning.Benchmarks.Fuzzing;

/// <summary>Every route the Gateway serves, as its OpenAPI document and the access matrix list them.</summary>
public static class FuzzEndpoints
{
    private static readonly string[] Deciders = ["decider", "admin"];
    private static readonly string[] Readers = ["decider", "analyst", "admin"];
    private static readonly string[] Analysts = ["analyst", "admin"];
    private static readonly string[] Reviewers = ["reviewer", "admin"];
    private static readonly string[] Admins = ["admin"];

    public static readonly IReadOnlyList<FuzzEndpoint> All =
    [
        new("POST", "/v1/decisions", Deciders, FuzzBody.Decision),
        new("GET", "/v1/decisions/{decisionId}", Readers),
        new("GET", "/v1/decisions/{decisionId}/application", ["analyst", "reviewer", "admin"]),
        new("GET", "/v1/me", ["decider", "analyst", "reviewer", "admin"]),
        new("POST", "/v1/decisions/{decisionId}/replay", Analysts, FuzzBody.Replay),
        new("GET", "/v1/decisions", Analysts, Query: FuzzQuery.HistoryList),
        new("GET", "/v1/decisions/stats", Analysts, Query: FuzzQuery.HistoryStats),
        new("GET", "/v1/decisions/export", Analysts, Query: FuzzQuery.HistoryExport),
        new("POST", "/graphql", Analysts, FuzzBody.GraphQl),
        new("POST", "/v1/backtests", Analysts, FuzzBody.Backtest),
        new("GET", "/v1/backtests", Analysts, Query: FuzzQuery.BacktestList),
        new("GET", "/v1/backtests/{backtestId}", Analysts),
        new("POST", "/v1/backtests/{backtestId}/cancel", Analysts),
        new("POST", "/v1/reviews/claim", Reviewers),
        new("POST", "/v1/reviews/{decisionId}/resolve", Reviewers, FuzzBody.Resolve),
        new("POST", "/v1/reviews/{decisionId}/release", Reviewers),
        new("POST", "/v1/outcomes", Admins, FuzzBody.Outcomes),
        new("GET", "/v1/models", Analysts),
        new("GET", "/v1/models/{champion}/comparison/{challenger}", Analysts, Query: FuzzQuery.Range),
        new("GET", "/v1/models/{name}/{version}/card", Analysts),
        new("GET", "/v1/models/{name}/performance", Analysts, Query: FuzzQuery.Range),
        new("GET", "/v1/models/{name}/drift", Analysts, Query: FuzzQuery.ReportRange),
        new("GET", "/v1/reports/fairness", Analysts, Query: FuzzQuery.ReportRange),
        new("POST", "/v1/admin/keys", Admins, FuzzBody.Key),
        new("GET", "/v1/admin/keys", Admins),
        new("DELETE", "/v1/admin/keys/{keyId}", Admins),
        new("POST", "/v1/webhooks", Admins, FuzzBody.Webhook),
        new("GET", "/v1/webhooks", Admins),
        new("GET", "/v1/webhooks/{webhookId}", Admins),
        new("DELETE", "/v1/webhooks/{webhookId}", Admins),
        new("POST", "/v1/webhooks/{webhookId}/rotate-secret", Admins),
        new("GET", "/v1/webhooks/{webhookId}/deliveries", Admins, Query: FuzzQuery.Deliveries),
        new("POST", "/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redrive", Admins),
        new("POST", "/v1/webhooks/{webhookId}/test", Admins),
        new("GET", "/health", []),
        new("GET", "/alive", []),
        new("GET", "/metrics", []),
        new("GET", "/openapi/v1.json", []),
    ];

    /// <summary>The methods the Gateway maps on <paramref name="route"/>; any other is refused there.</summary>
    public static IReadOnlySet<string> MethodsOf(string route) =>
        All.Where(e => e.Route == route).Select(e => e.Method).ToHashSet(StringComparer.Ordinal);
}
