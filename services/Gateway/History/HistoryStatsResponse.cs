using Decisioning.Data;

namespace Gateway.History;

public sealed record HistoryStatsResponse(string GroupBy, IReadOnlyList<HistoryGroup> Groups);
