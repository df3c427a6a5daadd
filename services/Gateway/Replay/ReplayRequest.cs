using System.Text.Json.Serialization;

namespace Gateway.Replay;

// Versions to replay with; each one left out is the version the decision was made with. A misspelt field is refused
// rather than ignored, so a replay never silently runs with the stored versions instead of the one meant.
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ReplayRequest(string? PolicyVersion, string? Model, string? PricingVersion);
