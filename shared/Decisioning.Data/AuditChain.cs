using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Decisioning.Data;

/// <summary>The hash chain of the audit log: each row's hash is SHA-256 over the previous row's hash and the row's canonical content.</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of a tenant's first row.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[32];

    /// <summary>The hash of <paramref name="entry"/> following a row whose hash is <paramref name="previousHash"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> previousHash, AuditEntry entry)
    {
        var content = Canonical(entry);
        var buffer = new byte[previousHash.Length + content.Length];
        previousHash.CopyTo(buffer);
        content.CopyTo(buffer.AsSpan(previousHash.Length));
        return SHA256.HashData(buffer);
    }

    /// <summary>
    /// The content as a JSON array of its fields in a fixed order: unambiguous (no separator can be forged
    /// inside a field) and the same whether the row is being written or read back.
    /// </summary>
    public static byte[] Canonical(AuditEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteStringValue(entry.TenantId);
            json.WriteNumberValue(entry.Seq);
            json.WriteStringValue(entry.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            json.WriteStringValue(entry.ActorKeyId.ToString("D"));
            json.WriteStringValue(entry.ActorRole);
            json.WriteStringValue(entry.Action);
            json.WriteStringValue(entry.Target);
            if (entry.RemoteAddress is null)
            {
                json.WriteNullValue();
            }
            else
            {
                json.WriteStringValue(entry.RemoteAddress);
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary><paramref name="time"/> in UTC, cut to the microsecond PostgreSQL keeps.</summary>
    public static DateTime ToStoredPrecision(DateTime time)
    {
        var utc = time.ToUniversalTime();
        return new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
    }
}
