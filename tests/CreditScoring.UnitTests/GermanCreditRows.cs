using System.Globalization;
using CreditScoring.Scoring;

namespace CreditScoring.UnitTests;

// Maps german.data's A-codes to Decision API values independently of the training script
// (also compiled into the benchmarks, so it uses no test framework).
internal static class GermanCreditRows
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["A11"] = "lt_0",
        ["A12"] = "0_to_200",
        ["A13"] = "ge_200",
        ["A14"] = "none",
        ["A30"] = "no_credits",
        ["A31"] = "all_paid_here",
        ["A32"] = "existing_paid",
        ["A33"] = "past_delays",
        ["A34"] = "critical",
        ["A40"] = "car_new",
        ["A41"] = "car_used",
        ["A42"] = "furniture",
        ["A43"] = "radio_tv",
        ["A44"] = "appliances",
        ["A45"] = "repairs",
        ["A46"] = "education",
        ["A47"] = "other",
        ["A48"] = "retraining",
        ["A49"] = "business",
        ["A410"] = "other",
        ["A61"] = "lt_100",
        ["A62"] = "100_to_500",
        ["A63"] = "500_to_1000",
        ["A64"] = "ge_1000",
        ["A65"] = "unknown",
        ["A71"] = "unemployed",
        ["A72"] = "lt_1y",
        ["A73"] = "1_to_4y",
        ["A74"] = "4_to_7y",
        ["A75"] = "ge_7y",
        ["A101"] = "none",
        ["A102"] = "co_applicant",
        ["A103"] = "guarantor",
        ["A121"] = "real_estate",
        ["A122"] = "savings_insurance",
        ["A123"] = "car_other",
        ["A124"] = "none",
        ["A141"] = "bank",
        ["A142"] = "stores",
        ["A143"] = "none",
        ["A151"] = "rent",
        ["A152"] = "own",
        ["A153"] = "free",
        ["A171"] = "unskilled_nonresident",
        ["A172"] = "unskilled_resident",
        ["A173"] = "skilled",
        ["A174"] = "highly_skilled",
    };

    public static IReadOnlyList<ApplicantFeatures> Load()
    {
        var path = Path.Combine(RepositoryPaths.Datasets, "german_credit", "german.data");
        return [.. File.ReadLines(path).Select(Parse)];
    }

    private static ApplicantFeatures Parse(string line)
    {
        var a = line.Split(' ');
        if (a.Length != 21)
        {
            throw new FormatException($"german.data rows have 21 attributes, this one {a.Length}");
        }

        int N(int attribute) => int.Parse(a[attribute - 1], CultureInfo.InvariantCulture);
        string C(int attribute) => Values[a[attribute - 1]];

        // Attributes 9 (personal status and sex) and 20 (foreign worker) are deliberately never read.
        return new ApplicantFeatures(
            Amount: N(5),
            TermMonths: N(2),
            Purpose: C(4),
            Age: N(13),
            CheckingAccount: C(1),
            CreditHistory: C(3),
            Savings: C(6),
            Employment: C(7),
            InstallmentRatePct: N(8),
            OtherDebtors: C(10),
            ResidenceYears: N(11),
            Property: C(12),
            OtherInstallmentPlans: C(14),
            Housing: C(15),
            ExistingCredits: N(16),
            Job: C(17),
            Dependents: N(18),
            Telephone: a[18] switch
            {
                "A192" => true,
                "A191" => false,
                var other => throw new FormatException($"telephone code {other}"),
            });
    }
}
