using CreditScoring.Scoring;

namespace CreditScoring.UnitTests;

internal static class Applicants
{
    // The applicant of the Decision API's example request.
    public static ApplicantFeatures Example { get; } = new(
        Amount: 5000,
        TermMonths: 24,
        Purpose: "car_used",
        Age: 35,
        CheckingAccount: "lt_0",
        CreditHistory: "existing_paid",
        Savings: "lt_100",
        Employment: "1_to_4y",
        InstallmentRatePct: 2,
        OtherDebtors: "none",
        ResidenceYears: 2,
        Property: "car_other",
        OtherInstallmentPlans: "none",
        Housing: "own",
        ExistingCredits: 1,
        Job: "skilled",
        Dependents: 1,
        Telephone: false);
}
