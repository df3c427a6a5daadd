namespace CreditScoring.Registry;

public sealed class ModelRegistryOptions
{
    public const string Section = "Scoring";

    // The folder holding models/<name>/<version>/, relative to the service's folder unless rooted.
    public string ModelsRoot { get; set; } = "models";

    // The model that decides: its name (the highest version loaded serves).
    public string Champion { get; set; } = "";

    // Models scored beside the champion, off the decision's latency path.
    public string[] Challengers { get; set; } = [];

    // How long the folder must stay quiet after a change before it is reloaded.
    public int ReloadDelayMilliseconds { get; set; } = 500;
}
