namespace CreditScoring.Gbm;

public sealed class GbmLoadException(string message, Exception? innerException = null)
    : Exception(message, innerException);
