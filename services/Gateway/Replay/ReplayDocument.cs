using System.Text.Json;
using Gateway.Decisions;

namespace Gateway.Replay;

// The stored document as it was returned, the document the chosen versions give now, and what differs.
public sealed record ReplayDocument(JsonElement Original, DecisionDocument Replayed, IReadOnlyList<FieldChange> Changes);
