namespace Gateway.GraphQl;

/// <summary>A decision of a page and the cursor of the page that starts after it.</summary>
public sealed record DecisionEdge(string Cursor, DecisionNode Node);
