using GraphQL;
using Gateway.GraphQl;

namespace Gateway.UnitTests;

// The limits are checked before anything runs, so the schema is enough: no store is reached.
public class GraphQlLimitsTests
{
    private const string Introspection = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;

    private static readonly DecisioningSchema Schema = new();

    [Fact]
    public async Task The_standard_introspection_query_is_answered()
    {
        var result = await ExecuteAsync(Introspection);

        Assert.True(result.Executed, Errors(result));
        Assert.Null(result.Errors);
    }

    [Fact]
    public async Task A_query_deeper_than_the_limit_is_refused_before_it_runs()
    {
        // decisions > edges > node > review > status is 5 deep; nesting __type's ofType takes it past the limit.
        var nested = string.Concat(Enumerable.Repeat("ofType { ", GraphQlApi.MaxDepth)) + "name" + new string('}', GraphQlApi.MaxDepth);
        var result = await ExecuteAsync($"{{ __type(name: \"Decision\") {{ {nested} }} }}");

        Assert.False(result.Executed);
        Assert.Contains("depth", Errors(result), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Many_full_pages_in_one_query_are_refused_as_too_complex()
    {
        var page = "decisions(first: 500) { edges { cursor node { decisionId applicationId outcome policyVersion decidedAt traceId reasons { code description } score { pd score grade modelVersion } review { status reason } } } }";
        var result = await ExecuteAsync($"{{ a: {page} b: {page} }}");

        Assert.False(result.Executed);
        Assert.Contains("complexity", Errors(result), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task One_full_page_of_500_is_within_the_limits()
    {
        var result = await ExecuteAsync("""
            query { decisions(first: 500) { pageInfo { hasNextPage endCursor } edges { cursor node {
              decisionId applicationId outcome policyVersion decidedAt traceId reasons { code description }
              score { pd score grade modelVersion } offer { annualRatePct aprPct monthlyPayment finalPayment totalRepayable pricingVersion }
              review { status finalOutcome reason note decidedBy decidedByRole resolvedAt leaseExpiresAt } } } } }
            """);

        // Past validation it runs, and fails there only for want of a request and a database.
        Assert.True(result.Executed, Errors(result));
    }

    [Theory]
    [InlineData("mutation { decisions { pageInfo { hasNextPage } } }")]
    [InlineData("subscription { decisions { pageInfo { hasNextPage } } }")]
    [InlineData("{ decisions { colour } }")]
    [InlineData("{ decision(id: 5.5) { decisionId } }")]
    [InlineData("{ stats(groupBy: COLOUR) { groupBy } }")]
    [InlineData("{ decisions(filter: { colour: \"blue\" }) { nodes { decisionId } } }")]
    [InlineData("{ decisions(first: \"ten\") { nodes { decisionId } } }")]
    [InlineData("{ decisions { nodes { decisionId } ")]
    public async Task Invalid_documents_are_refused_before_they_run(string query)
    {
        var result = await ExecuteAsync(query);

        Assert.False(result.Executed);
        Assert.NotEmpty(result.Errors!);
    }

    [Fact]
    public async Task A_variable_of_the_wrong_type_is_refused_before_it_runs()
    {
        var result = await ExecuteAsync("query ($first: Int) { decisions(first: $first) { nodes { decisionId } } }", variables: new Inputs(new Dictionary<string, object?> { ["first"] = "ten" }));

        Assert.False(result.Executed);
        Assert.Contains("first", Errors(result), StringComparison.Ordinal);
    }

    private static async Task<ExecutionResult> ExecuteAsync(string query, Inputs? variables = null) =>
        await new DocumentExecuter().ExecuteAsync(new ExecutionOptions
        {
            Schema = Schema,
            Query = query,
            Variables = variables,
            ValidationRules = GraphQlApi.ValidationRules,
        });

    private static string Errors(ExecutionResult result) => string.Join(" | ", result.Errors?.Select(e => e.Message) ?? []);
}
