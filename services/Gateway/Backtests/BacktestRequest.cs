using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Backtests;

// What to backtest: the decisions made in [from, to) that match the history filters, decided again by the candidate.
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BacktestRequest(string? From, string? To, Dictionary<string, JsonElement>? Filters, BacktestCandidate? Candidate);

// The versions to try; each one left out is the version that made each decision.
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BacktestCandidate(string? PolicyVersion, string? Model);
