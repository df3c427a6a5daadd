namespace Decisioning.Data;

/// <summary>A decision as it is stored: the queryable columns, the request as received and the response document.</summary>
public sealed record DecisionRecord(
    string TenantId,
    Guid DecisionId,
    string IdempotencyKey,
    byte[] RequestHash,
    string ApplicationId,
    string Outcome,
    string Product,
    decimal Amount,
    int TermMonths,
    double? Pd,
    int? Score,
    string? Grade,
    string? ModelVersion,
    string PolicyVersion,
    string? PricingVersion,
    string[] ReasonCodes,
    DateTime DecidedAt,
    string? TraceId,
    string RequestJson,
    string DocumentJson,
    string EventJson);
