using Gateway.Decisions;

namespace Gateway.History;

// One page of the history as ListDecisions streams it: the stored decisions, newest first, and the next page's cursor.
public sealed record HistoryPageDocument(IReadOnlyList<DecisionDocument> Items, string? NextCursor);
