namespace Decisioning.Benchmarks.Fuzzing;

/// <summary>What a route takes: its body's schema and its query's parameters.</summary>
public enum FuzzBody
{
    None,
    Decision,
    Replay,
    Backtest,
    Resolve,
    Outcomes,
    Key,
    Webhook,
    GraphQl,
}

public enum FuzzQuery
{
    None,
    HistoryList,
    HistoryStats,
    HistoryExport,
    BacktestList,
    Range,
    ReportRange,
    Deliveries,
}

/// <summary>A Gateway route, the roles that may call it (none: open) and what it reads from the request.</summary>
public sealed record FuzzEndpoint(string Method, string Route, string[] Roles, FuzzBody Body = FuzzBody.None, FuzzQuery Query = FuzzQuery.None)
{
    public string Name => $"{Method} {Route}";

    public bool Open => Roles.Length == 0;

    /// <summary>A random id names nothing, so the request is refused (404) even when everything else in it is right.</summary>
    public bool NamesUnknownResource => Route.Contains("Id}", StringComparison.Ordinal);
}
