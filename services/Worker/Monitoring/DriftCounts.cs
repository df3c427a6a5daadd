using Worker.Decisions;

namespace Worker.Monitoring;

// One tenant-day's decisions counted into the training distribution's bins, feature by feature and for the PD.
public sealed class DriftCounts(TrainingDistribution distribution)
{
    private readonly Dictionary<string, long[]> _features = distribution.Features.ToDictionary(f => f.Key, f => new long[f.Value.Expected.Count], StringComparer.Ordinal);
    private readonly long[] _score = new long[distribution.Score.Expected.Count];

    public int Decisions { get; private set; }

    public void Add(DecisionRow row)
    {
        Decisions++;
        foreach (var (name, counts) in _features)
        {
            var binning = distribution.Features[name];
            var value = FeatureValues.ByName[name](row);
            counts[value is double number ? binning.Of(number) : binning.Of((string)value)]++;
        }

        if (row.Pd is { } pd)
        {
            _score[distribution.Score.Of(pd)]++;
        }
    }

    /// <summary>The PSI of every feature and of the score ("score"); a feature with nothing observed is left out.</summary>
    public IReadOnlyDictionary<string, double> Psis()
    {
        var psis = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, counts) in _features)
        {
            if (Psi.Of(distribution.Features[name].Expected, counts) is { } psi)
            {
                psis[name] = Math.Round(psi, 6);
            }
        }

        if (Psi.Of(distribution.Score.Expected, _score) is { } scorePsi)
        {
            psis["score"] = Math.Round(scorePsi, 6);
        }

        return psis;
    }
}
