using System.Text.Json.Nodes;

namespace Decisioning.Benchmarks.Fuzzing;

/// <summary>
/// A valid body of a route and its fields. <paramref name="RefusesUnknownFields"/>: an unknown field alone makes the
/// body invalid; otherwise one is only ever added beside another defect. <paramref name="MaxBytes"/>: the size limit.
/// </summary>
public sealed record BodySchema(Func<int, JsonObject> Valid, IReadOnlyList<BodyField> Fields, bool RefusesUnknownFields, int MaxBytes);
