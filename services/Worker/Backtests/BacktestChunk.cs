namespace Worker.Backtests;

/// <summary>
/// A claimed chunk: the decisions after (AfterAt, AfterId) up to and including (UptoAt, UptoId). LeaseToken fences its
/// result: it is committed only while the token is still the chunk's.
/// </summary>
public sealed record BacktestChunk
{
    public string TenantId { get; init; } = "";

    public Guid BacktestId { get; init; }

    public int ChunkNo { get; init; }

    public DateTime? AfterAt { get; init; }

    public Guid? AfterId { get; init; }

    public DateTime UptoAt { get; init; }

    public Guid UptoId { get; init; }

    public Guid LeaseToken { get; init; }

    public int Attempts { get; init; }
}
