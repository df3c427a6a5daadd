using System.Text;
using System.Text.Json;

namespace Decisioning.Webhooks;

/// <summary>The body every webhook carries: <c>{"type", "timestamp", "data"}</c>, with the event's own JSON as data.</summary>
public static class WebhookEnvelope
{
    /// <summary>The body for an event of <paramref name="type"/> that happened at <paramref name="timestamp"/>; throws <see cref="JsonException"/> when <paramref name="data"/> is not one JSON object.</summary>
    public static string Create(string type, DateTimeOffset timestamp, ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        using var document = JsonDocument.ParseValue(ref reader);
        // Anything after the value (a second value, trailing junk) makes the reader throw, or Read return true.
        if (document.RootElement.ValueKind != JsonValueKind.Object || reader.Read())
        {
            throw new JsonException("An event's data must be a JSON object.");
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("timestamp", timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WritePropertyName("data");
            document.RootElement.WriteTo(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
