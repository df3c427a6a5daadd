using System.Text.Json.Nodes;

namespace Decisioning.IntegrationTests.Decisions;

// Loan applications in the Decision API's shape, from clearly good to clearly bad risk.
public static class Applications
{
    public static JsonObject LowRisk(string? applicationId = null) => Build(applicationId, amount: 2000, termMonths: 12, purpose: "car_used", applicant: new JsonObject
    {
        ["age"] = 45,
        ["checkingAccount"] = "none",
        ["creditHistory"] = "critical",
        ["savings"] = "ge_1000",
        ["employment"] = "ge_7y",
        ["installmentRatePct"] = 1,
        ["otherDebtors"] = "guarantor",
        ["residenceYears"] = 4,
        ["property"] = "real_estate",
        ["otherInstallmentPlans"] = "none",
        ["housing"] = "own",
        ["existingCredits"] = 1,
        ["job"] = "skilled",
        ["dependents"] = 1,
        ["telephone"] = true,
    });

    public static JsonObject HighRisk(string? applicationId = null) => Build(applicationId, amount: 15000, termMonths: 60, purpose: "education", applicant: new JsonObject
    {
        ["age"] = 22,
        ["checkingAccount"] = "lt_0",
        ["creditHistory"] = "no_credits",
        ["savings"] = "lt_100",
        ["employment"] = "lt_1y",
        ["installmentRatePct"] = 4,
        ["otherDebtors"] = "none",
        ["residenceYears"] = 1,
        ["property"] = "none",
        ["otherInstallmentPlans"] = "bank",
        ["housing"] = "free",
        ["existingCredits"] = 1,
        ["job"] = "unskilled_resident",
        ["dependents"] = 1,
        ["telephone"] = false,
    });

    // The example of the API contract: between the approve and decline cut-offs.
    public static JsonObject MediumRisk(string? applicationId = null) => Build(applicationId, amount: 5000, termMonths: 24, purpose: "car_used", applicant: new JsonObject
    {
        ["age"] = 35,
        ["checkingAccount"] = "lt_0",
        ["creditHistory"] = "existing_paid",
        ["savings"] = "lt_100",
        ["employment"] = "1_to_4y",
        ["installmentRatePct"] = 2,
        ["otherDebtors"] = "none",
        ["residenceYears"] = 2,
        ["property"] = "car_other",
        ["otherInstallmentPlans"] = "none",
        ["housing"] = "own",
        ["existingCredits"] = 1,
        ["job"] = "skilled",
        ["dependents"] = 1,
        ["telephone"] = false,
    });

    private static JsonObject Build(string? applicationId, decimal amount, int termMonths, string purpose, JsonObject applicant) => new()
    {
        ["applicationId"] = applicationId ?? "LA-" + Guid.NewGuid().ToString("N")[..10],
        ["product"] = "personal_loan",
        ["amount"] = amount,
        ["termMonths"] = termMonths,
        ["purpose"] = purpose,
        ["applicant"] = applicant,
    };
}
