using System.ComponentModel.DataAnnotations;

namespace Worker.Backtests;

public sealed class BacktestOptions
{
    public const string Section = "Backtests";

    public bool Enabled { get; set; } = true;

    [Required]
    public Uri CreditScoringAddress { get; set; } = null!;

    [Required]
    public Uri PricingAddress { get; set; } = null!;

    // Decisions per chunk: the unit of work, of progress and of what a crash makes a Worker do again.
    [Range(10, 100_000)]
    public int ChunkSize { get; set; } = 5000;

    // Applications per scoring or pricing call.
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 1000;

    // A chunk whose Worker stops renewing nothing is taken by another Worker once this runs out.
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 120;

    // A chunk tried this often without finishing fails its backtest.
    [Range(1, 100)]
    public int MaxChunkAttempts { get; set; } = 5;

    [Range(50, 60_000)]
    public int PollMilliseconds { get; set; } = 1000;

    // 0: as fast as one chunk at a time goes. Otherwise a ceiling that leaves the model services to live decisions.
    [Range(0, 1_000_000)]
    public int MaxDecisionsPerSecond { get; set; }
}
