namespace Worker.Backtests;

/// <summary>
/// The counts of a backtest over some decisions: one chunk's partial result, or the sum of all chunks'. Counts only,
/// so partial results add up exactly whatever the order in which chunks finish.
/// </summary>
public sealed class BacktestTally
{
    public static readonly IReadOnlyList<string> Outcomes = ["approve", "decline", "refer"];

    public long Decisions { get; set; }

    /// <summary>Baseline outcome → candidate outcome → decisions.</summary>
    public Dictionary<string, Dictionary<string, long>> OutcomeMatrix { get; set; } = Outcomes.ToDictionary(o => o, _ => Outcomes.ToDictionary(c => c, _ => 0L));

    public Side Baseline { get; set; } = new();

    public Side Candidate { get; set; } = new();

    /// <summary>Decisions with an observed outcome.</summary>
    public long WithOutcomes { get; set; }

    /// <summary>Decisions the candidate model could not score (the candidate decided them without a score).</summary>
    public long Unscored { get; set; }

    /// <summary>Decisions whose pricing version could not price them (the candidate decided them without prices).</summary>
    public long Unpriced { get; set; }

    public void Add(BacktestDecision baseline, BacktestDecision candidate, bool? bad)
    {
        Decisions++;
        OutcomeMatrix[baseline.Outcome][candidate.Outcome]++;
        Baseline.Add(baseline, bad);
        Candidate.Add(candidate, bad);
        if (bad is not null)
        {
            WithOutcomes++;
        }
    }

    public void Merge(BacktestTally other)
    {
        Decisions += other.Decisions;
        foreach (var (from, row) in other.OutcomeMatrix)
        {
            foreach (var (to, count) in row)
            {
                OutcomeMatrix[from][to] += count;
            }
        }

        Baseline.Merge(other.Baseline);
        Candidate.Merge(other.Candidate);
        WithOutcomes += other.WithOutcomes;
        Unscored += other.Unscored;
        Unpriced += other.Unpriced;
    }

    /// <summary>One side's counts: the baseline (as decided) or the candidate.</summary>
    public sealed class Side
    {
        public long Approved { get; set; }

        public long Scored { get; set; }

        public double PdSum { get; set; }

        /// <summary>Grade ("none" when unscored) → [decisions, approved].</summary>
        public SortedDictionary<string, long[]> ByGrade { get; set; } = new(StringComparer.Ordinal);

        public long ApprovedWithOutcome { get; set; }

        public long ApprovedBad { get; set; }

        public void Add(BacktestDecision decision, bool? bad)
        {
            var approved = decision.Outcome == "approve";
            if (approved)
            {
                Approved++;
                if (bad is { } isBad)
                {
                    ApprovedWithOutcome++;
                    ApprovedBad += isBad ? 1 : 0;
                }
            }

            if (decision.Pd is { } pd)
            {
                Scored++;
                PdSum += pd;
            }

            var grade = ByGrade.TryGetValue(decision.Grade ?? "none", out var counts) ? counts : ByGrade[decision.Grade ?? "none"] = new long[2];
            grade[0]++;
            grade[1] += approved ? 1 : 0;
        }

        public void Merge(Side other)
        {
            Approved += other.Approved;
            Scored += other.Scored;
            PdSum += other.PdSum;
            ApprovedWithOutcome += other.ApprovedWithOutcome;
            ApprovedBad += other.ApprovedBad;
            foreach (var (grade, counts) in other.ByGrade)
            {
                var mine = ByGrade.TryGetValue(grade, out var existing) ? existing : ByGrade[grade] = new long[2];
                mine[0] += counts[0];
                mine[1] += counts[1];
            }
        }
    }
}
