using System.ComponentModel.DataAnnotations;

namespace Worker.Partitions;

public sealed class PartitionOptions
{
    public const string Section = "Partitions";

    // Monthly partitions kept ready ahead of the current month.
    [Range(1, 24)]
    public int MonthsAhead { get; set; } = 3;

    // Months of decisions kept attached; older partitions are detached (not dropped) for archiving.
    [Range(1, 1200)]
    public int RetentionMonths { get; set; } = 84;
}
