namespace Decisioning.Data;

/// <summary>Decision ids are UUIDv7 made from the decision's time, so an id also says where the decision is stored.</summary>
public static class DecisionIds
{
    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>A new decision id for a decision made at <paramref name="decidedAt"/> (millisecond precision).</summary>
    public static Guid New(DateTime decidedAt) => Guid.CreateVersion7(new DateTimeOffset(decidedAt, TimeSpan.Zero));

    /// <summary>The UTC time a UUIDv7 was made at, or null when <paramref name="id"/> is not a UUIDv7.</summary>
    public static DateTime? TimestampOf(Guid id)
    {
        if (id.Version != 7)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        long milliseconds = 0;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        // 48 bits of milliseconds reach past year 9999, which no decision of ours was made after.
        return milliseconds <= MaxUnixMilliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime : null;
    }
}
