using System.Text.Json;
using Gateway.Reviews;

namespace Gateway.GraphQl;

/// <summary>
/// A stored decision document as the Decision type resolves it, and its review when it was read with it
/// (<see cref="ReviewRead"/>); otherwise the review is looked up only if the query asks for it.
/// </summary>
public sealed record DecisionNode(JsonElement Document, ReviewDocument? Review = null, bool ReviewRead = false)
{
    public static DecisionNode Parse(string documentJson, ReviewDocument? review = null, bool reviewRead = false)
    {
        using var document = JsonDocument.Parse(documentJson);
        return new DecisionNode(document.RootElement.Clone(), review, reviewRead);
    }

    public Guid DecisionId => Document.GetProperty("decisionId").GetGuid();

    public string? Outcome => Document.TryGetProperty("outcome", out var outcome) ? outcome.GetString() : null;
}
