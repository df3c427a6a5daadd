using System.ComponentModel.DataAnnotations;

namespace Gateway.LoadShedding;

// How many requests each shed group may have in flight before further ones are answered 503 at once.
public sealed class LoadSheddingOptions
{
    public const string Section = "LoadShedding";

    [Range(1, 100_000)]
    public int MaxConcurrentDecisions { get; set; } = 256;

    [Range(1, 100_000)]
    public int MaxConcurrentHistory { get; set; } = 64;
}
