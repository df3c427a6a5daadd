namespace CreditScoring.Scoring;

// One scored feature: its bins, their weights, and the reason each adverse bin gives.
internal abstract class ScorecardFeature(string name, string[] binLabels, double[] weights, int bestBin, ReasonCode?[] reasons)
{
    public string Name { get; } = name;

    public IReadOnlyList<string> BinLabels { get; } = binLabels;

    public double[] Weights { get; } = weights;

    public int BestBin { get; } = bestBin;

    // Null for the best bin and for bins that cost nothing against it.
    public ReasonCode?[] Reasons { get; } = reasons;

    public abstract int BinOf(ApplicantFeatures applicant);
}
