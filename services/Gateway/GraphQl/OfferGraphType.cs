using System.Text.Json;
using GraphQL.Types;

namespace Gateway.GraphQl;

public sealed class OfferGraphType : ObjectGraphType<JsonElement>
{
    public OfferGraphType()
    {
        Name = "Offer";
        Description = "The priced offer of an approved decision; money is exact to the cent.";
        Field<NonNullGraphType<FloatGraphType>>("annualRatePct").Resolve(c => Json.Double(c.Source, "annualRatePct"));
        Field<NonNullGraphType<FloatGraphType>>("aprPct").Resolve(c => Json.Double(c.Source, "aprPct"));
        Field<NonNullGraphType<DecimalGraphType>>("monthlyPayment").Resolve(c => Json.Decimal(c.Source, "monthlyPayment"));
        Field<NonNullGraphType<DecimalGraphType>>("finalPayment").Description("The last instalment, which absorbs the others' rounding.").Resolve(c => Json.Decimal(c.Source, "finalPayment"));
        Field<NonNullGraphType<DecimalGraphType>>("totalRepayable").Resolve(c => Json.Decimal(c.Source, "totalRepayable"));
        Field<NonNullGraphType<StringGraphType>>("pricingVersion").Resolve(c => Json.String(c.Source, "pricingVersion"));
    }
}
