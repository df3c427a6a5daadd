namespace Decisioning.Data;

/// <summary>A case handed to a reviewer: the decision, until when the reviewer holds it, and its stored document.</summary>
public sealed record ReviewClaim(Guid DecisionId, DateTime LeaseExpiresAt, string DocumentJson);
