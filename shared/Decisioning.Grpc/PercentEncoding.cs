using System.Buffers;
using System.Text;

namespace Decisioning.Grpc;

// grpc-message is UTF-8, then percent-encoded: bytes outside 0x20-0x7E and '%' itself become %XX.
internal static class PercentEncoding
{
    private const string HexDigits = "0123456789ABCDEF";

    public static string Encode(string value)
    {
        var index = IndexOfByteToEscape(value);
        if (index < 0)
        {
            return value;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length + 16);
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7E or (byte)'%')
            {
                builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
            else
            {
                builder.Append((char)b);
            }
        }

        return builder.ToString();
    }

    // Invalid escapes are kept as they are and invalid UTF-8 becomes U+FFFD: the spec forbids failing here.
    public static string Decode(string value)
    {
        if (!value.Contains('%'))
        {
            return value;
        }

        var maxBytes = Encoding.UTF8.GetMaxByteCount(value.Length);
        var rented = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            var length = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '%' && i + 2 < value.Length && TryHex(value[i + 1], out var high) && TryHex(value[i + 2], out var low))
                {
                    rented[length++] = (byte)((high << 4) | low);
                    i += 2;
                }
                else if (c < 0x80)
                {
                    rented[length++] = (byte)c;
                }
                else
                {
                    var count = char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1;
                    length += Encoding.UTF8.GetBytes(value.AsSpan(i, count), rented.AsSpan(length));
                    i += count - 1;
                }
            }

            return Encoding.UTF8.GetString(rented, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int IndexOfByteToEscape(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is < ' ' or > '~' or '%')
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
