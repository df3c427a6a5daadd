namespace Worker.Monitoring;

/// <summary>
/// The population stability index of observed counts against expected shares: Σ (a − e) · ln(a / e) over the bins.
/// A share of 0 on either side (a bin the training data never reached, or a day never did) is floored at
/// <see cref="Floor"/>, so one empty bin does not make the index infinite.
/// </summary>
public static class Psi
{
    public const double Floor = 0.0001;

    /// <summary>Null when nothing was observed.</summary>
    public static double? Of(IReadOnlyList<double> expected, IReadOnlyList<long> observed)
    {
        if (expected.Count != observed.Count)
        {
            throw new ArgumentException($"{expected.Count} expected shares but {observed.Count} observed bins.", nameof(observed));
        }

        var total = observed.Sum();
        if (total == 0)
        {
            return null;
        }

        var psi = 0.0;
        for (var i = 0; i < expected.Count; i++)
        {
            var e = Math.Max(expected[i], Floor);
            var a = Math.Max((double)observed[i] / total, Floor);
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }
}
