using System.Globalization;
using System.Text.Json.Nodes;
using CreditScoring.UnitTests;

namespace Decisioning.IntegrationTests.Replay;

// The 1,000 rows of the German credit data as Decision API requests (terms under the product's 6 months are raised to 6).
public static class GermanApplications
{
    public static IReadOnlyList<JsonObject> All() => [.. GermanCreditRows.Load().Select((row, i) => new JsonObject
    {
        ["applicationId"] = "DE-" + (i + 1).ToString("D4", CultureInfo.InvariantCulture),
        ["product"] = "personal_loan",
        ["amount"] = (decimal)row.Amount,
        ["termMonths"] = Math.Max(6, row.TermMonths),
        ["purpose"] = row.Purpose,
        ["applicant"] = new JsonObject
        {
            ["age"] = row.Age,
            ["checkingAccount"] = row.CheckingAccount,
            ["creditHistory"] = row.CreditHistory,
            ["savings"] = row.Savings,
            ["employment"] = row.Employment,
            ["installmentRatePct"] = row.InstallmentRatePct,
            ["otherDebtors"] = row.OtherDebtors,
            ["residenceYears"] = row.ResidenceYears,
            ["property"] = row.Property,
            ["otherInstallmentPlans"] = row.OtherInstallmentPlans,
            ["housing"] = row.Housing,
            ["existingCredits"] = row.ExistingCredits,
            ["job"] = row.Job,
            ["dependents"] = row.Dependents,
            ["telephone"] = row.Telephone,
        },
    })];
}
