using System.Security.Cryptography;
using Decisioning.Data;
using Gateway.History;

namespace Gateway.UnitTests;

public class HistoryCursorTests
{
    private static readonly HistoryCursor Cursors = new(RandomNumberGenerator.GetBytes(32));
    private static readonly byte[] QueryHash = SHA256.HashData("tenant-a|limit=2"u8);

    [Fact]
    public void A_cursor_reads_back_as_the_position_it_was_made_from()
    {
        var position = new HistoryPosition(new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc), Guid.CreateVersion7());

        Assert.True(Cursors.TryDecode(Cursors.Encode(position, QueryHash), QueryHash, out var decoded));
        Assert.Equal(position, decoded);
    }

    [Theory]
    [InlineData("a=b")]
    [InlineData("%")]
    [InlineData("=")]
    [InlineData("====")]
    [InlineData("AAAA=AAAA")]
    [InlineData("ab+/cd")]
    [InlineData("é")]
    [InlineData("AAAA AAAA")]
    [InlineData("")]
    public void A_string_that_is_not_base64url_is_no_cursor(string malformed)
    {
        Assert.False(Cursors.TryDecode(malformed, QueryHash, out _));
    }

    [Fact]
    public void A_valid_cursor_with_one_character_outside_base64url_is_no_cursor()
    {
        var cursor = Cursors.Encode(new HistoryPosition(DateTime.UtcNow, Guid.CreateVersion7()), QueryHash);

        Assert.False(Cursors.TryDecode(cursor[..^1] + "=", QueryHash, out _));
        Assert.False(Cursors.TryDecode(cursor[..20] + "%" + cursor[21..], QueryHash, out _));
    }
}
