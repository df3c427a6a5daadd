using System.ComponentModel.DataAnnotations;

namespace Gateway.History;

public sealed class HistoryOptions
{
    public const string Section = "History";

    // Signs page cursors (base64, at least 32 bytes). Unset: a random key per process, so cursors die with it.
    public string? CursorKey { get; set; }

    [Range(1, 3660)]
    public int MaxRangeDays { get; set; } = 366;

    [Range(1, 36600)]
    public int MaxExportRangeDays { get; set; } = 1830;

    // A backtest decides every selected decision again, so its range is bounded like the history's.
    [Range(1, 3660)]
    public int MaxBacktestRangeDays { get; set; } = 366;

    [Range(1, 500)]
    public int DefaultLimit { get; set; } = 50;
}
