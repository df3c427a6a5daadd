namespace Gateway.GraphQl;

/// <summary>One page of the history as a Relay connection: each edge carries its own cursor.</summary>
public sealed record DecisionConnection(IReadOnlyList<DecisionEdge> Edges, PageInfo PageInfo)
{
    public IEnumerable<DecisionNode> Nodes => Edges.Select(edge => edge.Node);
}
