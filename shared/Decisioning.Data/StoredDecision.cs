namespace Decisioning.Data;

/// <summary>A decision as stored: the request as bound, the document as returned, and the versions that made it.</summary>
public sealed record StoredDecision(string RequestJson, string DocumentJson, string? ModelVersion, string PolicyVersion, string? PricingVersion);
