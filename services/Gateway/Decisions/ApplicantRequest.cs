namespace Gateway.Decisions;

public sealed record ApplicantRequest(
    int? Age,
    string? CheckingAccount,
    string? CreditHistory,
    string? Savings,
    string? Employment,
    int? InstallmentRatePct,
    string? OtherDebtors,
    int? ResidenceYears,
    string? Property,
    string? OtherInstallmentPlans,
    string? Housing,
    int? ExistingCredits,
    string? Job,
    int? Dependents,
    bool? Telephone);
