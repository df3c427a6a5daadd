using GraphQL.Types;
using Gateway.History;

namespace Gateway.GraphQl;

public sealed class StatsGraphType : ObjectGraphType<HistoryStatsResponse>
{
    public StatsGraphType()
    {
        Name = "DecisionStats";
        Description = "The figures of GET /v1/decisions/stats: per group, counts, approval rate, mean PD and score percentiles.";
        Field<NonNullGraphType<StatsGroupingGraphType>>("groupBy").Resolve(c => c.Source.GroupBy);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StatsGroupGraphType>>>>("groups").Resolve(c => c.Source.Groups);
    }
}
