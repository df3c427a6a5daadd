using System.Text;
using Gateway.GraphQl;

namespace Gateway.UnitTests;

public class GraphQlRequestTests
{
    [Fact]
    public void A_request_reads_its_query_variables_and_operation_name()
    {
        var (request, status, error) = Parse("""{"query":"query Q($n: Int) { decisions(first: $n) { nodes { decisionId } } }","variables":{"n":5},"operationName":"Q"}""");

        Assert.Equal(200, status);
        Assert.Null(error);
        Assert.Equal("Q", request!.OperationName);
        Assert.Equal(5, Convert.ToInt32(request.Variables!["n"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("\"query\"")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"query":""}""")]
    [InlineData("""{"query":null}""")]
    [InlineData("""{"query":42}""")]
    [InlineData("""{"query":{"a":1}}""")]
    [InlineData("""{"query":"{ models { name } }","variables":"x"}""")]
    [InlineData("""{"query":"{ models { name } }","variables":[1]}""")]
    [InlineData("""{"query":"{ models { name } }","operationName":7}""")]
    [InlineData("""{"query":"{ models { name } }",]""")]
    [InlineData("""{"query":"{ models { name } }"}}""")]
    [InlineData("""{"query":"{ models { name } }"}{}""")]
    [InlineData("{\"query\":\"{ models { name } }\"} x")]
    [InlineData("{\"query\":\"{ models { name } }\"}\u0000")]
    public void Malformed_bodies_are_400_with_a_message(string body)
    {
        var (request, status, error) = Parse(body);

        Assert.Null(request);
        Assert.Equal(400, status);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Deeply_nested_variables_are_400()
    {
        var (request, status, _) = Parse("""{"query":"{ models { name } }","variables":{"v":""" + new string('[', 100) + new string(']', 100) + "}}");

        Assert.Null(request);
        Assert.Equal(400, status);
    }

    [Fact]
    public void A_query_longer_than_the_cap_is_400_saying_so()
    {
        var (request, status, error) = Parse($$"""{"query":"{ models { name } }{{new string(' ', GraphQlApi.MaxQueryLength)}}"}""");

        Assert.Null(request);
        Assert.Equal(400, status);
        Assert.Contains(GraphQlApi.MaxQueryLength.ToString(System.Globalization.CultureInfo.InvariantCulture), error);
    }

    [Theory]
    [InlineData(null, GraphQlApi.GraphQlResponseMediaType)]
    [InlineData("*/*", GraphQlApi.GraphQlResponseMediaType)]
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQlApi.GraphQlResponseMediaType)]
    [InlineData("application/json", "application/json")]
    [InlineData("text/html", GraphQlApi.GraphQlResponseMediaType)]
    public void The_answer_is_graphql_response_json_unless_only_json_is_accepted(string? accept, string mediaType)
    {
        Assert.Equal(mediaType, GraphQlApi.ResponseMediaType(accept));
    }

    private static (GraphQL.Transport.GraphQLRequest? Request, int Status, string? Error) Parse(string body) =>
        GraphQlApi.Parse(Encoding.UTF8.GetBytes(body));
}
