namespace CreditScoring.Registry;

// One model version as loaded from models/<name>/<version>/.
public sealed record LoadedModel(string Name, string Version, string Kind, ICreditModel Model, string MetricsJson, string FilesSha256, DateTime LoadedAt);
