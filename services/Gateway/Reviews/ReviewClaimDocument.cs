using System.Text.Json;

namespace Gateway.Reviews;

public sealed record ReviewClaimDocument(Guid DecisionId, DateTime LeaseExpiresAt, JsonElement Decision);
