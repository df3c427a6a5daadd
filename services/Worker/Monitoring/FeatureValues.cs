using Worker.Decisions;

namespace Worker.Monitoring;

// A decision's application as the models' features, by the names their manifests use.
public static class FeatureValues
{
    public static IReadOnlyDictionary<string, Func<DecisionRow, object>> ByName { get; } = new Dictionary<string, Func<DecisionRow, object>>(StringComparer.Ordinal)
    {
        ["amount"] = r => (double)r.Amount,
        ["termMonths"] = r => (double)r.TermMonths,
        ["purpose"] = r => r.Purpose,
        ["age"] = r => (double)r.Age,
        ["checkingAccount"] = r => r.CheckingAccount,
        ["creditHistory"] = r => r.CreditHistory,
        ["savings"] = r => r.Savings,
        ["employment"] = r => r.Employment,
        ["installmentRatePct"] = r => (double)r.InstallmentRatePct,
        ["otherDebtors"] = r => r.OtherDebtors,
        ["residenceYears"] = r => (double)r.ResidenceYears,
        ["property"] = r => r.Property,
        ["otherInstallmentPlans"] = r => r.OtherInstallmentPlans,
        ["housing"] = r => r.Housing,
        ["existingCredits"] = r => (double)r.ExistingCredits,
        ["job"] = r => r.Job,
        ["dependents"] = r => (double)r.Dependents,
        ["telephone"] = r => r.Telephone ? "yes" : "no",
    };
}
