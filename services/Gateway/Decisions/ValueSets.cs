namespace Gateway.Decisions;

// The accepted values of each categorical field of the Decision API (the German credit data's codes). Sex, marital status and
// nationality are deliberately absent: they are prohibited bases and never accepted.
public static class ValueSets
{
    public static readonly string[] Purpose = ["car_new", "car_used", "furniture", "radio_tv", "appliances", "repairs", "education", "retraining", "business", "other"];
    public static readonly string[] CheckingAccount = ["lt_0", "0_to_200", "ge_200", "none"];
    public static readonly string[] CreditHistory = ["no_credits", "all_paid_here", "existing_paid", "past_delays", "critical"];
    public static readonly string[] Savings = ["lt_100", "100_to_500", "500_to_1000", "ge_1000", "unknown"];
    public static readonly string[] Employment = ["unemployed", "lt_1y", "1_to_4y", "4_to_7y", "ge_7y"];
    public static readonly string[] OtherDebtors = ["none", "co_applicant", "guarantor"];
    public static readonly string[] Property = ["real_estate", "savings_insurance", "car_other", "none"];
    public static readonly string[] OtherInstallmentPlans = ["bank", "stores", "none"];
    public static readonly string[] Housing = ["rent", "own", "free"];
    public static readonly string[] Job = ["unskilled_nonresident", "unskilled_resident", "skilled", "highly_skilled"];
}
