namespace CreditScoring.Scoring;

public sealed class ScorecardLoadException(string message, Exception? innerException = null)
    : Exception(message, innerException);
