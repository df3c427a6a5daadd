using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Decisioning.Data;

namespace Gateway.History;

// An opaque page cursor: the last decision's position and a hash of the query it belongs to, signed
// with HMAC-SHA256. An edited cursor, or one from another query or tenant, fails the check.
public sealed class HistoryCursor(byte[] key)
{
    private const byte Version = 1;
    private const int PayloadLength = 1 + 8 + 16 + 8;
    private const int MacLength = 16;

    public string Encode(HistoryPosition position, ReadOnlySpan<byte> queryHash)
    {
        Span<byte> buffer = stackalloc byte[PayloadLength + MacLength];
        buffer[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(buffer[1..], position.DecidedAt.Ticks);
        position.DecisionId.TryWriteBytes(buffer[9..], bigEndian: true, out _);
        queryHash[..8].CopyTo(buffer[25..]);
        HMACSHA256.HashData(key, buffer[..PayloadLength])[..MacLength].CopyTo(buffer[PayloadLength..]);
        return Base64Url.EncodeToString(buffer);
    }

    public bool TryDecode(string cursor, ReadOnlySpan<byte> queryHash, out HistoryPosition position)
    {
        position = default;
        Span<byte> buffer = stackalloc byte[PayloadLength + MacLength];
        // TryDecodeFromChars throws on characters outside base64url, so those are refused before decoding.
        if (cursor.Length > 128 || !Base64Url.IsValid(cursor, out var length) || length != buffer.Length
            || !Base64Url.TryDecodeFromChars(cursor, buffer, out var written) || written != buffer.Length || buffer[0] != Version)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(key, buffer[..PayloadLength]).AsSpan(0, MacLength);
        if (!CryptographicOperations.FixedTimeEquals(expected, buffer[PayloadLength..]) || !buffer[25..PayloadLength].SequenceEqual(queryHash[..8]))
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(buffer[1..]);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        position = new HistoryPosition(new DateTime(ticks, DateTimeKind.Utc), new Guid(buffer[9..25], bigEndian: true));
        return true;
    }
}
