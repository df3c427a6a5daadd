namespace Pricing.Quoting;

// A present-value equation in one rate: the residual and its derivative at that rate.
internal interface IRateEquation
{
    double Residual(double rate, out double slope);
}
