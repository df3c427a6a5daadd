using Decisioning.Data;
using GraphQL.Types;

namespace Gateway.GraphQl;

public sealed class StatsGroupGraphType : ObjectGraphType<HistoryGroup>
{
    public StatsGroupGraphType()
    {
        Name = "StatsGroup";
        Field<NonNullGraphType<StringGraphType>>("key").Resolve(c => c.Source.Key);
        Field<NonNullGraphType<LongGraphType>>("count").Resolve(c => c.Source.Count);
        Field<NonNullGraphType<FloatGraphType>>("approvalRate").Resolve(c => c.Source.ApprovalRate);
        Field<FloatGraphType>("meanPd").Resolve(c => c.Source.MeanPd);
        Field<FloatGraphType>("scoreP10").Resolve(c => c.Source.ScoreP10);
        Field<FloatGraphType>("scoreP50").Resolve(c => c.Source.ScoreP50);
        Field<FloatGraphType>("scoreP90").Resolve(c => c.Source.ScoreP90);
    }
}
