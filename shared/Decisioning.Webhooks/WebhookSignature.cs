using System.Security.Cryptography;
using StandardWebhooks;

namespace Decisioning.Webhooks;

// Signatures of outgoing webhooks as the Standard Webhooks specification (https://www.standardwebhooks.com) has
// them, computed by its .NET library, so that receivers can verify them with any of its libraries. A delivery
// carries the headers webhook-id, webhook-timestamp (Unix seconds) and webhook-signature: "v1," and the base64 of
// HMAC-SHA256 with the endpoint's key over "{webhook-id}.{webhook-timestamp}.{body}". Secrets are shown to the
// receiver as "whsec_{base64 of the key}". While a rotated secret's old key still signs, the header holds one
// signature per key.
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    private const int NewKeyBytes = 32;

    /// <summary>A new endpoint secret: "whsec_" and the base64 of 32 random bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(NewKeyBytes));

    /// <summary>The webhook-signature header: the signature with each secret, in the secrets' order, separated by spaces.</summary>
    public static string Header(IReadOnlyList<string> secrets, string webhookId, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentException.ThrowIfNullOrEmpty(webhookId);
        if (secrets.Count == 0)
        {
            throw new ArgumentException("A delivery is signed with at least one secret.", nameof(secrets));
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(timestamp);
        return string.Join(' ', secrets.Select(secret => new StandardWebhook(secret).Sign(webhookId, sent, body)));
    }
}
