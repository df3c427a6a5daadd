using Decisioning.Data;
using GraphQL.Types;

namespace Gateway.GraphQl;

// REST's groupBy values (DecisionHistoryStore.Groupings) as enum members: modelVersion is MODEL_VERSION.
public sealed class StatsGroupingGraphType : EnumerationGraphType
{
    public StatsGroupingGraphType()
    {
        Name = "StatsGrouping";
        foreach (var key in DecisionHistoryStore.Groupings.Keys)
        {
            Add(MemberName(key), key, $"Grouped by {key}.");
        }
    }

    public static string MemberName(string key) =>
        string.Concat(key.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
