namespace CreditScoring.Scoring;

// Values use the Decision API's names and value sets (the Gateway validates them against its ValueSets).
public sealed record ApplicantFeatures(
    double Amount,
    int TermMonths,
    string Purpose,
    int Age,
    string CheckingAccount,
    string CreditHistory,
    string Savings,
    string Employment,
    int InstallmentRatePct,
    string OtherDebtors,
    int ResidenceYears,
    string Property,
    string OtherInstallmentPlans,
    string Housing,
    int ExistingCredits,
    string Job,
    int Dependents,
    bool Telephone);
