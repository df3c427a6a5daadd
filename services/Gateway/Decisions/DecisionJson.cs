using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Decisions;

// The decision path's JSON, generated at build time: the request as bound and hashed, the document as stored and
// returned, and the event. The Web defaults, as everywhere in the API.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DecisionRequest))]
[JsonSerializable(typeof(DecisionDocument))]
[JsonSerializable(typeof(DecisionEvent))]
internal sealed partial class DecisionJson : JsonSerializerContext;
