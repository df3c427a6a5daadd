using CreditScoring.Inference;

namespace CreditScoring.Registry;

// One model version as loaded from models/<name>/<version>/, with the feature domains its manifest allows.
public sealed record LoadedModel(string Name, string Version, string Kind, ICreditModel Model, IReadOnlyList<FeatureDomain> Domains, string MetricsJson, string FilesSha256, DateTime LoadedAt, string TrainingDistributionJson = "");
