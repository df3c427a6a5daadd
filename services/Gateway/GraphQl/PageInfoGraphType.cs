using GraphQL.Types;

namespace Gateway.GraphQl;

public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Resolve(c => c.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Description("Pass as 'after' for the next page; the same cursor REST returns as nextCursor.").Resolve(c => c.Source.EndCursor);
    }
}
