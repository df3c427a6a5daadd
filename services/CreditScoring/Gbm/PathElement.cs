namespace CreditScoring.Gbm;

// One feature on the unique path of TreeSHAP (Lundberg et al. 2018, Algorithm 2).
internal struct PathElement
{
    public int Column;
    public double ZeroFraction;
    public double OneFraction;
    public double Weight;
}
