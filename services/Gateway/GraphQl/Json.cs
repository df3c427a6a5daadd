using System.Text.Json;

namespace Gateway.GraphQl;

// Members of a stored decision document; a missing or null member is null.
internal static class Json
{
    public static JsonElement? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? String(JsonElement element, string name) => Member(element, name)?.GetString();

    public static double? Double(JsonElement element, string name) => Member(element, name)?.GetDouble();

    public static decimal? Decimal(JsonElement element, string name) => Member(element, name)?.GetDecimal();

    public static int? Int(JsonElement element, string name) => Member(element, name)?.GetInt32();

    public static DateTime? Time(JsonElement element, string name) => Member(element, name)?.GetDateTime().ToUniversalTime();
}
