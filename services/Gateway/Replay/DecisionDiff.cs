using System.Globalization;
using System.Text.Json;

namespace Gateway.Replay;

// The fields in which two decision documents differ, leaf by leaf: objects by property, arrays by position.
public static class DecisionDiff
{
    public static IReadOnlyList<FieldChange> Between(JsonElement original, JsonElement replayed)
    {
        var changes = new List<FieldChange>();
        Compare("", original, replayed, changes);
        return changes;
    }

    private static void Compare(string path, JsonElement? from, JsonElement? to, List<FieldChange> changes)
    {
        var fromKind = from?.ValueKind ?? JsonValueKind.Null;
        var toKind = to?.ValueKind ?? JsonValueKind.Null;
        if (fromKind == JsonValueKind.Object && toKind == JsonValueKind.Object)
        {
            var names = from!.Value.EnumerateObject().Select(p => p.Name).Union(to!.Value.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);
            foreach (var name in names)
            {
                Compare(path.Length == 0 ? name : $"{path}.{name}", Property(from.Value, name), Property(to.Value, name), changes);
            }
        }
        else if (fromKind == JsonValueKind.Array && toKind == JsonValueKind.Array)
        {
            var length = Math.Max(from!.Value.GetArrayLength(), to!.Value.GetArrayLength());
            for (var i = 0; i < length; i++)
            {
                Compare(string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), Item(from.Value, i), Item(to.Value, i), changes);
            }
        }
        else if (!Same(from, to))
        {
            changes.Add(new FieldChange(path, Present(from), Present(to)));
        }
    }

    // Leaves compare as written: the replay must give the stored document byte for byte, not merely an equal number.
    private static bool Same(JsonElement? from, JsonElement? to) =>
        Present(from) is { } f ? Present(to) is { } t && f.ValueKind == t.ValueKind && f.GetRawText() == t.GetRawText() : Present(to) is null;

    private static JsonElement? Present(JsonElement? value) => value is { ValueKind: not JsonValueKind.Null } v ? v : null;

    private static JsonElement? Property(JsonElement value, string name) => value.TryGetProperty(name, out var property) ? property : null;

    private static JsonElement? Item(JsonElement value, int index) => index < value.GetArrayLength() ? value[index] : null;
}
