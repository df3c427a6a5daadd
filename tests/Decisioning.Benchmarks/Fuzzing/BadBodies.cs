using System.Text;
using System.Text.Json.Nodes;

namespace Decisioning.Benchmarks.Fuzzing;

/// <summary>
/// Schema-aware mutations of a valid body. Each one on its own makes the body invalid: a wrong type, a value outside
/// the contract, a required field missing or null, JSON that is not JSON (truncated, invalid UTF-8, too deep,
/// trailing garbage, another root) or a body over the size limit.
/// </summary>
public static class BadBodies
{
    private const string Marker = "FUZZ-INVALID-UTF8-MARKER";

    private static readonly Dictionary<FieldKind, string[]> WrongTypes = new()
    {
        // Numbers may be sent as numeric strings, so only strings that are no number are wrong for them.
        [FieldKind.Text] = ["42", "true", "{}", "[]", "[\"a\"]", "1.5e3"],
        [FieldKind.Integer] = ["\"abc\"", "true", "2.5", "{}", "[]", "2147483648", "-2147483649", "1e400", "\"\"", "\"1 2\""],
        [FieldKind.Decimal] = ["\"abc\"", "true", "{}", "[]", "1e400", "1e29", "\"\"", "\"NaN\"", "\"Infinity\""],
        [FieldKind.Bool] = ["\"true\"", "1", "0", "\"yes\"", "{}", "[]"],
        [FieldKind.TextArray] = ["\"decision.made.v1\"", "1", "{}", "[1]", "[[]]", "[{}]", "true"],
        [FieldKind.Object] = ["\"x\"", "1", "[]", "true"],
        [FieldKind.ObjectArray] = ["\"x\"", "1", "{}", "true", "[1]", "[\"x\"]", "[[]]"],
    };

    private static readonly string[] OtherRoots = ["[]", "\"x\"", "42", "null", "true", "", "[{}]"];
    private static readonly string[] NotJson = ["<decision/>", "decision=1", "{'a':1}", "{\"a\":1,}", "{/*c*/}", "{\"a\"}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":\"\t\"}", "\u0000"];
    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xC0, 0xAF]];
    private static readonly string[] UnknownFields = ["sex", "maritalStatus", "nationality", "extra", "Amount2", "__proto__"];

    /// <summary>One invalid body for <paramref name="kind"/>: what is wrong, the bytes, and whether only its size is wrong.</summary>
    public static (string Defect, byte[] Body, bool Oversized) Mutate(FuzzBody kind, Random random, int index)
    {
        var schema = BodySchemas.For(kind);
        var body = schema.Valid(index);
        var fields = schema.Fields;
        var choice = random.Next(100);

        // Beside another defect, a field the contract does not know is noise that must not make it valid.
        if (random.Next(4) == 0)
        {
            body[Pick(random, UnknownFields)] = JsonNode.Parse(Pick(random, ["1", "\"male\"", "{}", "null"]));
        }

        if (choice < 25)
        {
            var field = Pick(random, fields);
            Set(body, field.Path, JsonNode.Parse(Pick(random, WrongTypes[field.Kind])));
            return ($"body:wrong-type {field.Path}", Bytes(body), false);
        }

        if (choice < 45 && fields.Where(f => f.BadValues.Length > 0).ToList() is { Count: > 0 } withValues)
        {
            var field = Pick(random, withValues);
            Set(body, field.Path, JsonNode.Parse(Pick(random, field.BadValues)));
            return ($"body:bad-value {field.Path}", Bytes(body), false);
        }

        if (choice < 55 && fields.Where(f => f.Required).ToList() is { Count: > 0 } required)
        {
            var field = Pick(random, required);
            if (random.Next(2) == 0)
            {
                Remove(body, field.Path);
                return ($"body:missing {field.Path}", Bytes(body), false);
            }

            Set(body, field.Path, null);
            return ($"body:null {field.Path}", Bytes(body), false);
        }

        if (choice < 60 && schema.RefusesUnknownFields)
        {
            body[Pick(random, UnknownFields)] = 1;
            return ("body:unknown-field", Bytes(body), false);
        }

        if (choice < 68)
        {
            var bytes = Bytes(body);
            return ("body:truncated", bytes[..random.Next(bytes.Length)], false);
        }

        if (choice < 74)
        {
            return random.Next(2) == 0
                ? ("body:other-root", Encoding.UTF8.GetBytes(Pick(random, OtherRoots)), false)
                : ("body:not-json", Encoding.UTF8.GetBytes(Pick(random, NotJson)), false);
        }

        if (choice < 78)
        {
            return ("body:trailing-garbage", [.. Bytes(body), .. Encoding.UTF8.GetBytes(Pick(random, [" x", "}", "{}", ",", "\u0000", " {\"a\":1}"]))], false);
        }

        if (choice < 86 && fields.Where(f => f.Kind == FieldKind.Text).ToList() is { Count: > 0 } texts)
        {
            var field = Pick(random, texts);
            Set(body, field.Path, Marker);
            return ($"body:invalid-utf8 {field.Path}", Replace(Bytes(body), Encoding.UTF8.GetBytes(Marker), Pick(random, InvalidUtf8)), false);
        }

        if (choice < 94)
        {
            var field = Pick(random, fields);
            var depth = random.Next(2) == 0 ? random.Next(17, 64) : random.Next(64, 5000);
            var nested = random.Next(2) == 0
                ? new string('[', depth) + new string(']', depth)
                : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
            var bytes = Replace(Bytes(Set(body, field.Path, Marker)), Encoding.UTF8.GetBytes($"\"{Marker}\""), Encoding.UTF8.GetBytes(nested));
            return ($"body:deep-nesting {field.Path}", bytes, bytes.Length > schema.MaxBytes);
        }

        // Valid JSON padded past the limit: only its size is wrong.
        var valid = Bytes(body);
        var size = schema.MaxBytes + 1 + random.Next(schema.MaxBytes);
        var padded = new byte[Math.Max(size, valid.Length + 1)];
        valid.CopyTo(padded, 0);
        padded.AsSpan(valid.Length).Fill((byte)' ');
        return ("body:oversized", padded, true);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static byte[] Bytes(JsonNode body) => Encoding.UTF8.GetBytes(body.ToJsonString());

    private static JsonObject Set(JsonObject root, string path, JsonNode? value)
    {
        var (parent, name) = Parent(root, path);
        if (parent is JsonArray array)
        {
            array[int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent.AsObject()[name] = value;
        }

        return root;
    }

    private static void Remove(JsonObject root, string path)
    {
        var (parent, name) = Parent(root, path);
        parent.AsObject().Remove(name);
    }

    // The node holding the last segment of the path; a path through a replaced value starts again from a fresh object.
    private static (JsonNode Parent, string Name) Parent(JsonObject root, string path)
    {
        var segments = path.Split('.');
        JsonNode node = root;
        foreach (var segment in segments[..^1])
        {
            var next = node is JsonArray array ? array[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)] : node.AsObject()[segment];
            if (next is not JsonObject and not JsonArray)
            {
                next = new JsonObject();
                if (node is JsonArray list)
                {
                    list[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)] = next;
                }
                else
                {
                    node.AsObject()[segment] = next;
                }
            }

            node = next;
        }

        return (node, segments[^1]);
    }

    private static byte[] Replace(byte[] bytes, byte[] find, byte[] with)
    {
        var at = bytes.AsSpan().IndexOf(find);
        return at < 0 ? bytes : [.. bytes[..at], .. with, .. bytes[(at + find.Length)..]];
    }
}
