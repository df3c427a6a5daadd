using System.Text.Json;

namespace Worker.Monitoring;

/// <summary>
/// A model's training distribution, as its manifest records it: for each feature (and the PD) the shares of the
/// training rows by bin. A numeric bin i holds edges[i−1] &lt; x ≤ edges[i] (the first x ≤ edges[0], the last x &gt; the
/// last edge); a categorical feature has one bin per value seen in training, and one more for any other value.
/// </summary>
public sealed class TrainingDistribution
{
    private TrainingDistribution(IReadOnlyDictionary<string, Binning> features, Binning score)
    {
        Features = features;
        Score = score;
    }

    public IReadOnlyDictionary<string, Binning> Features { get; }

    public Binning Score { get; }

    public static TrainingDistribution Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var features = new SortedDictionary<string, Binning>(StringComparer.Ordinal);
        foreach (var feature in root.GetProperty("features").EnumerateObject())
        {
            features[feature.Name] = Binning.Parse(feature.Value);
        }

        return new TrainingDistribution(features, Binning.Parse(root.GetProperty("score")));
    }

    public sealed class Binning
    {
        private readonly double[] _edges;
        private readonly string[] _categories;

        private Binning(double[] edges, string[] categories, double[] expected)
        {
            _edges = edges;
            _categories = categories;
            Expected = expected;
        }

        /// <summary>The training shares, one per bin.</summary>
        public IReadOnlyList<double> Expected { get; }

        public int Of(double value)
        {
            for (var i = 0; i < _edges.Length; i++)
            {
                if (value <= _edges[i])
                {
                    return i;
                }
            }

            return _edges.Length;
        }

        public int Of(string value)
        {
            var i = Array.IndexOf(_categories, value);
            return i < 0 ? _categories.Length : i;
        }

        public static Binning Parse(JsonElement element)
        {
            if (element.GetProperty("kind").GetString() == "numeric")
            {
                var edges = element.GetProperty("edges").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                var shares = element.GetProperty("proportions").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                if (shares.Length != edges.Length + 1)
                {
                    throw new InvalidDataException($"A numeric training distribution needs {edges.Length + 1} proportions for {edges.Length} edges, not {shares.Length}.");
                }

                return new Binning(edges, [], shares);
            }

            var categories = element.GetProperty("proportions").EnumerateObject().ToList();
            return new Binning([], [.. categories.Select(c => c.Name)], [.. categories.Select(c => c.Value.GetDouble()), 0]);
        }
    }
}
