namespace Gateway.Decisions;

// Every member is nullable so that a missing field reaches the validator and is reported by name.
public sealed record DecisionRequest(
    string? ApplicationId,
    string? Product,
    decimal? Amount,
    int? TermMonths,
    string? Purpose,
    ApplicantRequest? Applicant);
