using System.Text.Json;

namespace CreditScoring.Registry;

// Reading a model's JSON files. Every failure is made by the caller's fail (its model kind's load exception),
// naming the file or element and the problem.
internal static class ModelJson
{
    public static JsonDocument Parse(string json, string file, Func<string, Exception?, Exception> fail)
    {
        try
        {
            var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw fail($"{file}: the top level is not a JSON object", null);
            }

            return document;
        }
        catch (JsonException e)
        {
            throw fail($"{file} is not valid JSON: {e.Message}", e);
        }
    }

    public static JsonElement Property(JsonElement element, string name, JsonValueKind kind, string where, Func<string, Exception?, Exception> fail)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            throw fail($"{where}: '{name}' is missing", null);
        }

        return value.ValueKind == kind ? value : throw fail($"{where}: '{name}' must be a JSON {kind.ToString().ToLowerInvariant()}", null);
    }
}
