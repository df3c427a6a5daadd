namespace Decisioning.Data;

/// <summary>One page of decision documents, newest first, and where it ended when more follow.</summary>
public sealed record HistoryPage(IReadOnlyList<string> Documents, HistoryPosition? Next);
