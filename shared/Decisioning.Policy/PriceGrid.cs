namespace Decisioning.Policy;

/// <summary>The offers for every grade, as priced by one pricing version.</summary>
public sealed record PriceGrid(string PricingVersion, IReadOnlyList<GradeOffer> Offers)
{
    /// <summary>The offer for a grade, or null when the grid has none.</summary>
    public GradeOffer? For(string grade)
    {
        foreach (var offer in Offers)
        {
            if (offer.Grade == grade)
            {
                return offer;
            }
        }

        return null;
    }
}
