namespace Decisioning.Data;

/// <summary>
/// One page of decision documents, newest first, and where it ended when more follow. <see cref="Positions"/> holds
/// each document's own place in that order (a cursor per item, as GraphQL's edges have).
/// </summary>
public sealed record HistoryPage(IReadOnlyList<string> Documents, HistoryPosition? Next, IReadOnlyList<HistoryPosition> Positions);
