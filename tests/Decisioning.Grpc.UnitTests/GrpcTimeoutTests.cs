namespace Decisioning.Grpc.UnitTests;

public sealed class GrpcTimeoutTests
{
    public static TheoryData<string, long> ValidValues => new()
    {
        { "1H", TimeSpan.TicksPerHour },
        { "2M", 2 * TimeSpan.TicksPerMinute },
        { "30S", 30 * TimeSpan.TicksPerSecond },
        { "250m", 250 * TimeSpan.TicksPerMillisecond },
        { "1500u", 1500 * TimeSpan.TicksPerMicrosecond },
        { "1000n", 10 },
        { "1n", 1 },
        { "0m", 0 },
        { "99999999H", 99_999_999 * TimeSpan.TicksPerHour },
    };

    [Theory]
    [MemberData(nameof(ValidValues))]
    public void Parses_every_unit(string value, long expectedTicks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(expectedTicks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("100")]
    [InlineData("123456789S")]
    [InlineData("10s")]
    [InlineData("10x")]
    [InlineData("-1S")]
    [InlineData(" 1S")]
    [InlineData("1.5S")]
    public void Rejects_malformed_values(string value)
    {
        Assert.False(GrpcTimeout.TryParse(value, out _));
    }

    [Theory]
    [InlineData(0, "0n")]
    [InlineData(1, "100n")]
    [InlineData(10_000, "1000000n")]
    [InlineData(5_000_000, "500000u")]
    [InlineData(TimeSpan.TicksPerSecond * 30, "30000000u")]
    [InlineData(TimeSpan.TicksPerHour, "3600000m")]
    [InlineData(TimeSpan.TicksPerDay * 2, "172800S")]
    public void Formats_with_the_finest_unit_that_fits_eight_digits(long ticks, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void Formats_huge_timeouts_as_at_most_eight_digits_of_hours()
    {
        Assert.Equal("99999999H", GrpcTimeout.Format(TimeSpan.MaxValue));
    }

    [Fact]
    public void Negative_timeouts_format_as_zero()
    {
        Assert.Equal("0n", GrpcTimeout.Format(TimeSpan.FromSeconds(-1)));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(123_456_789L)]
    [InlineData(9_999_999_999L)]
    [InlineData(TimeSpan.TicksPerDay * 400 + 7)]
    [InlineData(TimeSpan.TicksPerDay * 365 * 100 + 13)]
    public void Format_then_parse_never_shortens_and_rounds_up_by_less_than_one_unit(long ticks)
    {
        var original = TimeSpan.FromTicks(ticks);

        var formatted = GrpcTimeout.Format(original);

        Assert.InRange(formatted.Length, 2, 9);
        Assert.True(GrpcTimeout.TryParse(formatted, out var parsed));
        Assert.True(parsed >= original, $"{formatted} parsed as {parsed}, shorter than {original}");
        Assert.True(parsed - original < UnitOf(formatted[^1]), $"{formatted} rounds {original} up by more than one unit");
    }

    private static TimeSpan UnitOf(char unit) => unit switch
    {
        'H' => TimeSpan.FromHours(1),
        'M' => TimeSpan.FromMinutes(1),
        'S' => TimeSpan.FromSeconds(1),
        'm' => TimeSpan.FromMilliseconds(1),
        'u' => TimeSpan.FromMicroseconds(1),
        _ => TimeSpan.FromTicks(1),
    };
}
