namespace Worker.Backtests;

/// <summary>One decision to backtest: what was decided, with which versions, on which application, and its outcome.</summary>
public sealed record BacktestRow
{
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
