using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Replay;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<FieldChange>))]
internal sealed partial class ReplayJson : JsonSerializerContext;
