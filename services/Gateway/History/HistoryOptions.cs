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

    // An export asking for more decisions than this is refused (400) before a row is sent: narrow its range or filters.
    [Range(1, 100_000_000)]
    public int MaxExportRows { get; set; } = 1_000_000;

    // An export still streaming after this long is cut off (the client sees an incomplete transfer, never a short file
    // that looks whole).
    [Range(1, 86_400)]
    public int ExportTimeoutSeconds { get; set; } = 600;
}
