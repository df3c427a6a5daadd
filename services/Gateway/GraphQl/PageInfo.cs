namespace Gateway.GraphQl;

/// <summary>Whether more decisions follow; <see cref="EndCursor"/> is then what REST returns as <c>nextCursor</c>.</summary>
public sealed record PageInfo(bool HasNextPage, string? EndCursor);
