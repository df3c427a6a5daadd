namespace Decisioning.ServiceDefaults.Metrics;

// The label set of one series. Up to four tags live inline (sorted by name), so looking a series up on
// the hot path allocates nothing; more tags fall back to an array.
internal readonly struct SeriesKey : IEquatable<SeriesKey>
{
    public const int InlineCapacity = 4;

    private readonly InlineTags _inline;
    private readonly KeyValuePair<string, object?>[]? _overflow;
    private readonly int _hash;

    public SeriesKey(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        Count = tags.Length;
        var inline = default(InlineTags);
        scoped Span<KeyValuePair<string, object?>> sorted;
        if (tags.Length <= InlineCapacity)
        {
            _overflow = null;
            sorted = ((Span<KeyValuePair<string, object?>>)inline)[..tags.Length];
        }
        else
        {
            _overflow = new KeyValuePair<string, object?>[tags.Length];
            sorted = _overflow;
        }

        tags.CopyTo(sorted);
        // Insertion sort: callers pass few tags, usually already in order.
        for (var i = 1; i < sorted.Length; i++)
        {
            var current = sorted[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(sorted[j].Key, current.Key) > 0)
            {
                sorted[j + 1] = sorted[j];
                j--;
            }

            sorted[j + 1] = current;
        }

        // Values only: an instrument's tag names rarely vary, and equality still compares them.
        var hash = new HashCode();
        foreach (var tag in sorted)
        {
            hash.Add(tag.Value);
        }

        _hash = hash.ToHashCode();
        _inline = inline;
    }

    public int Count { get; }

    public KeyValuePair<string, object?> this[int index] => _overflow is null ? _inline[index] : _overflow[index];

    public bool Equals(SeriesKey other)
    {
        if (_hash != other._hash || Count != other.Count)
        {
            return false;
        }

        for (var i = 0; i < Count; i++)
        {
            var mine = this[i];
            var theirs = other[i];
            if (!string.Equals(mine.Key, theirs.Key, StringComparison.Ordinal) || !Equals(mine.Value, theirs.Value))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is SeriesKey other && Equals(other);

    public override int GetHashCode() => _hash;
}
