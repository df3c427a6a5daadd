using Decisioning.Policy;

namespace Gateway.Models;

/// <summary>What the model services answered; null where one failed or ran out of time.</summary>
public sealed record ModelAnswers(ModelScore? Score, PriceGrid? Prices);
