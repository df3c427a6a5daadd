using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Prometheus;

namespace Decisioning.ServiceDefaults.Metrics;

/// <summary>
/// A bound on the series of a metric whose label values come from data (products, versions), which prometheus-net
/// does not offer: past <see cref="MaxSeriesPerMetric"/> label sets, new ones are all counted in one series whose
/// labels are <c>other</c>, so a value fed by mistake from an unbounded source costs one series, not thousands.
/// </summary>
public static class SeriesLimit
{
    /// <summary>The most label sets one metric keeps before it folds new ones into <c>other</c>.</summary>
    public const int MaxSeriesPerMetric = 1000;

    /// <summary>The label value of the series that holds what is past the limit.</summary>
    public const string Other = "other";

    private static readonly ConditionalWeakTable<Collector, LabelSets> s_seen = [];

    /// <summary>The series of <paramref name="labelValues"/>, or the <c>other</c> series once the metric is full.</summary>
    public static TChild WithBoundedLabels<TChild>(this Collector<TChild> metric, params string[] labelValues)
        where TChild : ChildBase =>
        metric.WithLabels(s_seen.GetValue(metric, _ => new LabelSets()).Admit(labelValues) ? labelValues : Array.ConvertAll(labelValues, _ => Other));

    private sealed class LabelSets
    {
        private readonly ConcurrentDictionary<string, bool> _admitted = new(StringComparer.Ordinal);
        private int _count;

        public bool Admit(string[] labelValues)
        {
            var key = string.Join('\u001f', labelValues);
            if (_admitted.ContainsKey(key))
            {
                return true;
            }

            // Concurrent first sightings of one set may both take a slot: the bound is approximate, never exceeded.
            if (Interlocked.Increment(ref _count) > MaxSeriesPerMetric)
            {
                Interlocked.Decrement(ref _count);
                return false;
            }

            _admitted.TryAdd(key, true);
            return true;
        }
    }
}
