using System.Collections.Frozen;

namespace CreditScoring.Scoring;

// The reviewed table of adverse-action reasons. Codes are stable: lending apps and analysts key on
// them, so change a description freely but never reuse or rename a code. No entry may refer to a
// prohibited basis (sex, marital status, national origin, ...). Age has only the entry for younger
// applicants: a model that scores an older applicant worse has no reason to give and fails to load.
public static class ReasonCodes
{
    public const string Higher = "higher";
    public const string Lower = "lower";

    public static readonly IReadOnlyList<ReasonCodeDefinition> All =
    [
        new("amount", Higher, "HIGH_AMOUNT", "Loan amount is high"),
        new("amount", Lower, "LOW_AMOUNT", "Loan amount is low"),
        new("termMonths", Higher, "LONG_TERM", "Loan term is long"),
        new("termMonths", Lower, "SHORT_TERM", "Loan term is short"),
        new("installmentRatePct", Higher, "HIGH_INSTALLMENT_RATE", "Instalment is a high share of disposable income"),
        new("installmentRatePct", Lower, "LOW_INSTALLMENT_RATE", "Instalment is a low share of disposable income"),
        new("residenceYears", Higher, "LONG_RESIDENCE", "Long time at present residence"),
        new("residenceYears", Lower, "SHORT_RESIDENCE", "Short time at present residence"),
        new("existingCredits", Higher, "MANY_EXISTING_CREDITS", "Number of existing credits at this bank is high"),
        new("existingCredits", Lower, "FEW_EXISTING_CREDITS", "Number of existing credits at this bank is low"),
        new("dependents", Higher, "MANY_DEPENDENTS", "Number of people the applicant supports is high"),
        new("dependents", Lower, "FEW_DEPENDENTS", "Number of people the applicant supports is low"),
        new("age", Lower, "YOUNGER_APPLICANT", "Applicant is younger than the lowest-risk age band"),

        new("purpose", "car_new", "PURPOSE_NEW_CAR", "Loan purpose is a new car"),
        new("purpose", "car_used", "PURPOSE_USED_CAR", "Loan purpose is a used car"),
        new("purpose", "furniture", "PURPOSE_FURNITURE", "Loan purpose is furniture or equipment"),
        new("purpose", "radio_tv", "PURPOSE_RADIO_TV", "Loan purpose is a radio or television"),
        new("purpose", "appliances", "PURPOSE_APPLIANCES", "Loan purpose is domestic appliances"),
        new("purpose", "repairs", "PURPOSE_REPAIRS", "Loan purpose is repairs"),
        new("purpose", "education", "PURPOSE_EDUCATION", "Loan purpose is education"),
        new("purpose", "retraining", "PURPOSE_RETRAINING", "Loan purpose is retraining"),
        new("purpose", "business", "PURPOSE_BUSINESS", "Loan purpose is business"),
        new("purpose", "other", "PURPOSE_OTHER", "Loan purpose is in the other category"),

        new("checkingAccount", "lt_0", "CHECKING_NEGATIVE", "Checking account balance is negative"),
        new("checkingAccount", "0_to_200", "CHECKING_LOW_BALANCE", "Checking account balance is below 200"),
        new("checkingAccount", "ge_200", "CHECKING_200_OR_MORE", "Checking account with a balance of 200 or more"),
        new("checkingAccount", "none", "NO_CHECKING_ACCOUNT", "No checking account"),

        new("creditHistory", "no_credits", "NO_CREDIT_HISTORY", "No credits taken before"),
        new("creditHistory", "all_paid_here", "HISTORY_ONLY_AT_THIS_BANK", "Credit history only with credits at this bank"),
        new("creditHistory", "existing_paid", "EXISTING_CREDITS_BEING_REPAID", "Existing credits are still being repaid"),
        new("creditHistory", "past_delays", "PAST_PAYMENT_DELAYS", "Delays in paying off credits in the past"),
        new("creditHistory", "critical", "CRITICAL_ACCOUNT", "Critical account or credits at other banks"),

        new("savings", "lt_100", "LOW_SAVINGS", "Savings are below 100"),
        new("savings", "100_to_500", "SAVINGS_100_TO_500", "Savings are between 100 and 500"),
        new("savings", "500_to_1000", "SAVINGS_500_TO_1000", "Savings are between 500 and 1,000"),
        new("savings", "ge_1000", "SAVINGS_1000_OR_MORE", "Savings of 1,000 or more"),
        new("savings", "unknown", "NO_KNOWN_SAVINGS", "No savings account, or savings unknown"),

        new("employment", "unemployed", "NOT_EMPLOYED", "Not currently employed"),
        new("employment", "lt_1y", "EMPLOYED_LESS_THAN_1_YEAR", "Employed for less than one year"),
        new("employment", "1_to_4y", "EMPLOYED_1_TO_4_YEARS", "Employed for one to four years"),
        new("employment", "4_to_7y", "EMPLOYED_4_TO_7_YEARS", "Employed for four to seven years"),
        new("employment", "ge_7y", "EMPLOYED_7_YEARS_OR_MORE", "Employed for seven years or more"),

        new("otherDebtors", "none", "NO_GUARANTOR", "No co-applicant or guarantor"),
        new("otherDebtors", "co_applicant", "HAS_CO_APPLICANT", "Application has a co-applicant"),
        new("otherDebtors", "guarantor", "HAS_GUARANTOR", "Application has a guarantor"),

        new("property", "real_estate", "PROPERTY_REAL_ESTATE", "Main property is real estate"),
        new("property", "savings_insurance", "PROPERTY_SAVINGS_INSURANCE", "Main property is a savings agreement or life insurance"),
        new("property", "car_other", "PROPERTY_CAR_OTHER", "Main property is a car or other asset"),
        new("property", "none", "NO_PROPERTY", "No property, or property unknown"),

        new("otherInstallmentPlans", "bank", "OTHER_BANK_INSTALLMENTS", "Instalment plans with other banks"),
        new("otherInstallmentPlans", "stores", "STORE_INSTALLMENTS", "Instalment plans with stores"),
        new("otherInstallmentPlans", "none", "NO_OTHER_INSTALLMENTS", "No other instalment plans"),

        new("housing", "rent", "RENTS_HOME", "Rents their home"),
        new("housing", "own", "OWNS_HOME", "Owns their home"),
        new("housing", "free", "HOUSING_FOR_FREE", "Lives in housing for free"),

        new("job", "unskilled_nonresident", "UNEMPLOYED_OR_UNSKILLED_JOB", "Job classed as unemployed or unskilled"),
        new("job", "unskilled_resident", "UNSKILLED_JOB", "Job classed as unskilled"),
        new("job", "skilled", "SKILLED_JOB", "Job classed as skilled employee or official"),
        new("job", "highly_skilled", "HIGHLY_SKILLED_JOB", "Job classed as management, self-employed or highly qualified"),

        new("telephone", "no", "NO_TELEPHONE", "No telephone registered in the applicant's name"),
        new("telephone", "yes", "TELEPHONE_REGISTERED", "Telephone registered in the applicant's name"),
    ];

    private static readonly FrozenDictionary<(string Feature, string Bin), ReasonCodeDefinition> ByBin =
        All.ToFrozenDictionary(d => (d.Feature, d.Bin));

    public static ReasonCodeDefinition? Find(string feature, string bin) => ByBin.GetValueOrDefault((feature, bin));
}
