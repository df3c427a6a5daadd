namespace CreditScoring.UnitTests;

// Contributions are xgboost's pred_contribs: one per input column, then the bias.
internal sealed record GbmParityRow(int Row, double Pd, double Margin, double[] Contributions);
