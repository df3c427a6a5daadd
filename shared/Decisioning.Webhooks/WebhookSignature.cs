using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Decisioning.Webhooks;

// Signatures of outgoing webhooks as the Standard Webhooks specification (https://www.standardwebhooks.com) has
// them, so that receivers can verify them with any of its libraries. A delivery carries the headers webhook-id,
// webhook-timestamp (Unix seconds) and webhook-signature; the signature is HMAC-SHA256 with the endpoint's key over
// exactly "{webhook-id}.{webhook-timestamp}.{body}", written "v1,{base64}". Secrets are shown to the receiver as
// "whsec_{base64 of the key}". While a rotated secret's old key still signs, the header holds one signature per key.
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    private const int NewKeyBytes = 32;

    // The specification's bounds on a key's length; a secret outside them is not one we made.
    private const int MinKeyBytes = 24;
    private const int MaxKeyBytes = 64;

    /// <summary>A new endpoint secret: "whsec_" and the base64 of 32 random bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(NewKeyBytes));

    /// <summary>The key of a secret ("whsec_" and base64); throws <see cref="FormatException"/> for anything else.</summary>
    public static byte[] DecodeSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            throw new FormatException($"A webhook secret starts with {SecretPrefix}.");
        }

        var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
        if (key.Length is < MinKeyBytes or > MaxKeyBytes)
        {
            throw new FormatException($"A webhook secret's key is {MinKeyBytes} to {MaxKeyBytes} bytes, not {key.Length}.");
        }

        return key;
    }

    /// <summary>One signature, "v1," and the base64 of HMAC-SHA256(key, "{webhookId}.{timestamp}." + body).</summary>
    public static string Sign(ReadOnlySpan<byte> key, string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookId);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{webhookId}.{timestamp}.")));
        hmac.AppendData(body);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hmac.GetHashAndReset(mac);
        return "v1," + Convert.ToBase64String(mac);
    }

    /// <summary>The webhook-signature header: the signature with each key, in the keys' order, separated by spaces.</summary>
    public static string Header(IReadOnlyList<byte[]> keys, string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("A delivery is signed with at least one key.", nameof(keys));
        }

        var signatures = new string[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            signatures[i] = Sign(keys[i], webhookId, timestamp, body);
        }

        return string.Join(' ', signatures);
    }
}
