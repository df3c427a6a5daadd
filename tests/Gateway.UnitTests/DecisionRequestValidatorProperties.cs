using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gateway.Decisions;

namespace Gateway.UnitTests;

// The validator against the contract (DESIGN.md's value sets and ranges) written out independently, on requests
// that are mostly right with a few fields wrong, null, out of range or made of odd characters.
public class DecisionRequestValidatorProperties
{
    private static readonly DecisionRequestValidator Validator = new(new Dictionary<string, ProductLimits> { ["personal_loan"] = new(250m, 20000m, 6, 72) });

    [Property(Arbitrary = [typeof(DecisionRequests)], MaxTest = 3000)]
    public bool The_validator_accepts_exactly_what_the_contract_allows(DecisionRequest request) =>
        Validator.Validate(request).IsValid == DecisionRequests.ContractAllows(request);
}

public static class DecisionRequests
{
    private const string IdCharacters = "ABCXYZabcxyz0123456789._:-";
    private static readonly string[] Purposes = ["car_new", "car_used", "furniture", "radio_tv", "appliances", "repairs", "education", "retraining", "business", "other"];
    private static readonly string[] CheckingAccounts = ["lt_0", "0_to_200", "ge_200", "none"];
    private static readonly string[] CreditHistories = ["no_credits", "all_paid_here", "existing_paid", "past_delays", "critical"];
    private static readonly string[] Savings = ["lt_100", "100_to_500", "500_to_1000", "ge_1000", "unknown"];
    private static readonly string[] Employments = ["unemployed", "lt_1y", "1_to_4y", "4_to_7y", "ge_7y"];
    private static readonly string[] OtherDebtors = ["none", "co_applicant", "guarantor"];
    private static readonly string[] Properties = ["real_estate", "savings_insurance", "car_other", "none"];
    private static readonly string[] OtherPlans = ["bank", "stores", "none"];
    private static readonly string[] Housings = ["rent", "own", "free"];
    private static readonly string[] Jobs = ["unskilled_nonresident", "unskilled_resident", "skilled", "highly_skilled"];

    public static Arbitrary<DecisionRequest> Requests()
    {
        var applicant =
            from age in Number(18, 100)
            from checking in OneOf(CheckingAccounts)
            from history in OneOf(CreditHistories)
            from savings in OneOf(Savings)
            from employment in OneOf(Employments)
            from rate in Number(1, 4)
            from debtors in OneOf(OtherDebtors)
            from residence in Number(1, 4)
            from property in OneOf(Properties)
            from plans in OneOf(OtherPlans)
            from housing in OneOf(Housings)
            from credits in Number(1, 4)
            from job in OneOf(Jobs)
            from dependents in Number(1, 2)
            from telephone in Gen.Elements<bool?>(true, false, true, false, null)
            select new ApplicantRequest(age, checking, history, savings, employment, rate, debtors, residence, property, plans, housing, credits, job, dependents, telephone);
        var request =
            from applicationId in Gen.Frequency<string?>((6, Text(IdCharacters, 1, 100)), (3, Text(IdCharacters + " \n\r\t/\u00e9\u0000", 0, 110)),
                (1, Gen.Elements<string?>("LA-1\n", "\n", "LA-1\r\n", "\nLA-1", "LA\n1")), (1, Gen.Constant<string?>(null)))
            from product in OneOf(["personal_loan"])
            from amount in Amount()
            from term in Number(6, 72)
            from purpose in OneOf(Purposes)
            from person in Gen.Frequency((20, applicant.Select(a => (ApplicantRequest?)a)), (1, Gen.Constant<ApplicantRequest?>(null)))
            select new DecisionRequest(applicationId, product, amount, term, purpose, person);
        return request.ToArbitrary();
    }

    /// <summary>DESIGN.md's decision request, checked field by field without the validator's code.</summary>
    public static bool ContractAllows(DecisionRequest r) =>
        r.ApplicationId is { Length: >= 1 and <= 100 } id && id.All(IdCharacters.Contains)
        && r.Product == "personal_loan"
        && r.Amount is >= 250m and <= 20000m && decimal.Round(r.Amount.Value, 2) == r.Amount.Value
        && r.TermMonths is >= 6 and <= 72
        && Purposes.Contains(r.Purpose)
        && r.Applicant is { } a
        && a.Age is >= 18 and <= 100
        && CheckingAccounts.Contains(a.CheckingAccount) && CreditHistories.Contains(a.CreditHistory) && Savings.Contains(a.Savings)
        && Employments.Contains(a.Employment) && a.InstallmentRatePct is >= 1 and <= 4 && OtherDebtors.Contains(a.OtherDebtors)
        && a.ResidenceYears is >= 1 and <= 4 && Properties.Contains(a.Property) && OtherPlans.Contains(a.OtherInstallmentPlans)
        && Housings.Contains(a.Housing) && a.ExistingCredits is >= 1 and <= 4 && Jobs.Contains(a.Job) && a.Dependents is >= 1 and <= 2
        && a.Telephone is not null;

    // Mostly a value of the set; else null, empty, another case, with a space or a newline around it, or another word.
    private static Gen<string?> OneOf(string[] values) => Gen.Frequency<string?>(
        (12, Gen.Elements(values).Select(v => (string?)v)),
        (1, Gen.Constant<string?>(null)),
        (1, Gen.Elements(values).SelectMany(v => Gen.Elements<string?>(v.ToUpperInvariant(), v + "\n", " " + v, v + " ", "", v + "x"))));

    private static Gen<int?> Number(int min, int max) => Gen.Frequency<int?>(
        (12, Gen.Choose(min, max).Select(n => (int?)n)),
        (1, Gen.Constant<int?>(null)),
        (2, Gen.Choose(min - 3, max + 3).Select(n => (int?)n)),
        (1, Gen.Elements<int?>(int.MinValue, int.MaxValue, 0, -1)));

    private static Gen<decimal?> Amount() => Gen.Frequency<decimal?>(
        (10, Gen.Choose(250, 20000).Select(n => (decimal?)n)),
        (2, Gen.Choose(20_000, 2_100_000).Select(cents => (decimal?)(cents / 100m))),
        (2, Gen.Choose(240_000, 260_000).Select(mills => (decimal?)(mills / 1000m))),
        (1, Gen.Elements<decimal?>(null, 0m, -250m, decimal.MaxValue, decimal.MinValue, 20000.001m, 249.999m)));

    private static Gen<string?> Text(string characters, int minLength, int maxLength) =>
        from length in Gen.Choose(minLength, maxLength)
        from chars in Gen.ArrayOf(Gen.Elements(characters.ToCharArray()), length)
        select (string?)new string(chars);
}
