using Decisioning.Data;

namespace Gateway.Admin;

public sealed record KeyListResponse(IReadOnlyList<ApiKeySummary> Keys);
