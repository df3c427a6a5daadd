namespace Decisioning.Policy;

/// <summary>The reasons the policy itself gives, as opposed to the model's adverse factors.</summary>
public static class PolicyReasons
{
    /// <summary>Below the minimum age.</summary>
    public static readonly Reason UnderMinimumAge = new("POLICY_MIN_AGE", "Applicant is below the minimum age for credit");

    /// <summary>Too old at the end of the term for automatic approval.</summary>
    public static readonly Reason AgeAtMaturity = new("POLICY_AGE_AT_MATURITY", "Applicant's age at the end of the term needs manual review");

    /// <summary>Unemployed with a high instalment burden.</summary>
    public static readonly Reason UnemployedHighBurden = new("POLICY_UNEMPLOYED_HIGH_BURDEN", "Unemployed applicant with a high instalment burden");

    /// <summary>PD at or above the decline cut-off.</summary>
    public static readonly Reason RiskTooHigh = new("POLICY_PD_ABOVE_DECLINE_CUTOFF", "Estimated risk of default is above the level we can lend at");

    /// <summary>PD between the approve and decline cut-offs.</summary>
    public static readonly Reason RiskNeedsReview = new("POLICY_PD_REVIEW_BAND", "Estimated risk of default needs manual review");

    /// <summary>The scoring model did not answer.</summary>
    public static readonly Reason ScoringUnavailable = new("SCORING_UNAVAILABLE", "The credit-scoring model was unavailable; referred for manual review");

    /// <summary>The pricing service did not answer.</summary>
    public static readonly Reason PricingUnavailable = new("PRICING_UNAVAILABLE", "The pricing service was unavailable; referred for manual review");

    /// <summary>The grade's price would exceed the cap, so it would not cover the expected loss.</summary>
    public static readonly Reason PriceCapped = new("POLICY_PRICE_CAPPED", "A risk-based price for this grade would exceed the rate cap");

    /// <summary>The APR is above the policy's maximum.</summary>
    public static readonly Reason AprAboveCap = new("POLICY_APR_ABOVE_CAP", "The annual percentage rate would exceed the maximum we offer");
}
