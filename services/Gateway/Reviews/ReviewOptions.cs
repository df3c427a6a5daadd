using System.ComponentModel.DataAnnotations;

namespace Gateway.Reviews;

public sealed class ReviewOptions
{
    public const string Section = "Reviews";

    // How long a claimed case stays with its reviewer before it returns to the queue.
    [Range(1, 86_400)]
    public int LeaseSeconds { get; set; } = 900;
}
