using System.Text.Json;

namespace Gateway.Replay;

// One field of the decision document that the replay changed: its path ("score.pd", "reasons[0].code") and both
// values (null where the field is absent or null).
public sealed record FieldChange(string Field, JsonElement? From, JsonElement? To);
