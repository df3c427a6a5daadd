using System.Collections.Frozen;

namespace CreditScoring.Scoring;

// The model's feature names (the Decision API's JSON names) and how each is read from an applicant.
internal static class ApplicantFeatureReaders
{
    public static readonly FrozenDictionary<string, Func<ApplicantFeatures, double>> Numeric =
        new Dictionary<string, Func<ApplicantFeatures, double>>
        {
            ["amount"] = a => a.Amount,
            ["termMonths"] = a => a.TermMonths,
            ["age"] = a => a.Age,
            ["installmentRatePct"] = a => a.InstallmentRatePct,
            ["residenceYears"] = a => a.ResidenceYears,
            ["existingCredits"] = a => a.ExistingCredits,
            ["dependents"] = a => a.Dependents,
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, Func<ApplicantFeatures, string>> Categorical =
        new Dictionary<string, Func<ApplicantFeatures, string>>
        {
            ["purpose"] = a => a.Purpose,
            ["checkingAccount"] = a => a.CheckingAccount,
            ["creditHistory"] = a => a.CreditHistory,
            ["savings"] = a => a.Savings,
            ["employment"] = a => a.Employment,
            ["otherDebtors"] = a => a.OtherDebtors,
            ["property"] = a => a.Property,
            ["otherInstallmentPlans"] = a => a.OtherInstallmentPlans,
            ["housing"] = a => a.Housing,
            ["job"] = a => a.Job,
            ["telephone"] = a => a.Telephone ? "yes" : "no",
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> AllNames => Numeric.Keys.Concat(Categorical.Keys);
}
