namespace Decisioning.Benchmarks.Fuzzing;

public enum FieldKind
{
    Text,
    Integer,
    Decimal,
    Bool,
    TextArray,
    Object,
    ObjectArray,
}

/// <summary>
/// A field of a request body: its JSON path ("applicant.age", "outcomes.0.status"), its kind, whether leaving it out
/// (or null) is refused, and values of the right kind the Gateway must refuse, as JSON.
/// </summary>
public sealed record BodyField(string Path, FieldKind Kind, bool Required, params string[] BadValues);
