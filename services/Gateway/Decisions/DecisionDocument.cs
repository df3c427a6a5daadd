using System.Text.Json.Serialization;
using Gateway.Reviews;

namespace Gateway.Decisions;

// The decision as the API returns it (the Decision API contract): stored once, returned unchanged on replay and GET.
// Review is never stored: GET appends it to a referred decision's stored text (DecisionWithReview); it is declared
// here so that the OpenAPI document shows it.
public sealed record DecisionDocument(
    Guid DecisionId,
    string ApplicationId,
    string Outcome,
    IReadOnlyList<ReasonDocument> Reasons,
    ScoreDocument? Score,
    OfferDocument? Offer,
    string PolicyVersion,
    DateTime DecidedAt,
    string? TraceId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReviewDocument? Review = null);
