using System.Security.Cryptography;
using System.Text;
using Decisioning.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gateway.History;

namespace Gateway.UnitTests;

public class HistoryCursorProperties
{
    private static readonly HistoryCursor Cursors = new(RandomNumberGenerator.GetBytes(32));

    [Property(MaxTest = 2000)]
    public bool A_cursor_reads_back_as_the_position_and_query_it_was_made_for(DateTime decidedAt, Guid decisionId, string? query)
    {
        var position = new HistoryPosition(new DateTime(decidedAt.Ticks, DateTimeKind.Utc), decisionId);
        var hash = Hash(query);

        return Cursors.TryDecode(Cursors.Encode(position, hash), hash, out var decoded) && decoded == position;
    }

    [Property(MaxTest = 2000)]
    public bool A_cursor_is_refused_for_another_query(DateTime decidedAt, Guid decisionId, string? query, string? other)
    {
        var hash = Hash(query);
        var otherHash = Hash(other);
        var cursor = Cursors.Encode(new HistoryPosition(new DateTime(decidedAt.Ticks, DateTimeKind.Utc), decisionId), hash);

        return hash.AsSpan(0, 8).SequenceEqual(otherHash.AsSpan(0, 8)) || !Cursors.TryDecode(cursor, otherHash, out _);
    }

    [Property(Arbitrary = [typeof(EditedCursors)], MaxTest = 3000)]
    public bool Decoding_any_text_never_throws_and_accepts_no_cursor_it_did_not_sign(string text) =>
        !Cursors.TryDecode(text, Hash("q"), out _);

    private static byte[] Hash(string? query) => SHA256.HashData(Encoding.UTF8.GetBytes(query ?? ""));

    public static class EditedCursors
    {
        private const string Base64Url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

        // Arbitrary text, base64url of a cursor's length with a forged signature, and a real cursor with one character changed.
        public static Arbitrary<string> Texts()
        {
            var cursor = Cursors.Encode(new HistoryPosition(new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc), Guid.CreateVersion7()), Hash("q"));
            var anyText =
                from length in Gen.Choose(0, 200)
                from chars in Gen.ArrayOf(Gen.Elements((Base64Url + "=+/ %\u00e9\u0000\n").ToCharArray()), length)
                select new string(chars);
            var forged =
                from chars in Gen.ArrayOf(Gen.Elements(Base64Url.ToCharArray()), cursor.Length)
                select new string(chars);
            var edited =
                from at in Gen.Choose(0, cursor.Length - 1)
                from replacement in Gen.Elements(Base64Url.ToCharArray())
                where cursor[at] != replacement
                select cursor[..at] + replacement + cursor[(at + 1)..];
            return Gen.OneOf(anyText, forged, edited).ToArbitrary();
        }
    }
}
