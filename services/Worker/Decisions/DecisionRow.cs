namespace Worker.Decisions;

/// <summary>A stored decision as the Worker's jobs read it: what was decided, with which versions, on which application, and its outcome.</summary>
public sealed record DecisionRow
{
    /// <summary>
    /// The select list that reads a row from <c>decisions</c> aliased <c>d</c> (with <c>a</c> its request's applicant) and
    /// <c>loan_outcomes</c> aliased <c>o</c>.
    /// </summary>
    public const string Columns = """
        d.decision_id AS DecisionId, d.outcome AS Outcome, d.pd AS Pd, d.score AS Score, d.grade AS Grade,
        d.model_version AS ModelVersion, d.policy_version AS PolicyVersion, d.pricing_version AS PricingVersion,
        d.product AS Product, d.amount AS Amount, d.term_months AS TermMonths,
        d.request->>'purpose' AS Purpose,
        (a->>'age')::int AS Age, a->>'checkingAccount' AS CheckingAccount, a->>'creditHistory' AS CreditHistory,
        a->>'savings' AS Savings, a->>'employment' AS Employment, (a->>'installmentRatePct')::int AS InstallmentRatePct,
        a->>'otherDebtors' AS OtherDebtors, (a->>'residenceYears')::int AS ResidenceYears, a->>'property' AS Property,
        a->>'otherInstallmentPlans' AS OtherInstallmentPlans, a->>'housing' AS Housing,
        (a->>'existingCredits')::int AS ExistingCredits, a->>'job' AS Job, (a->>'dependents')::int AS Dependents,
        (a->>'telephone')::boolean AS Telephone,
        CASE WHEN o.status IS NOT NULL THEN o.status IN ('defaulted', 'charged_off') END AS Bad
        """;

    public Guid DecisionId { get; init; }

    public string Outcome { get; init; } = "";

    public double? Pd { get; init; }

    public int? Score { get; init; }

    public string? Grade { get; init; }

    public string? ModelVersion { get; init; }

    public string PolicyVersion { get; init; } = "";

    public string? PricingVersion { get; init; }

    public string Product { get; init; } = "";

    public decimal Amount { get; init; }

    public int TermMonths { get; init; }

    public string Purpose { get; init; } = "";

    public int Age { get; init; }

    public string CheckingAccount { get; init; } = "";

    public string CreditHistory { get; init; } = "";

    public string Savings { get; init; } = "";

    public string Employment { get; init; } = "";

    public int InstallmentRatePct { get; init; }

    public string OtherDebtors { get; init; } = "";

    public int ResidenceYears { get; init; }

    public string Property { get; init; } = "";

    public string OtherInstallmentPlans { get; init; } = "";

    public string Housing { get; init; } = "";

    public int ExistingCredits { get; init; }

    public string Job { get; init; } = "";

    public int Dependents { get; init; }

    public bool Telephone { get; init; }

    /// <summary>Whether the loan went bad (defaulted or charged off); null without an observed outcome.</summary>
    public bool? Bad { get; init; }
}
