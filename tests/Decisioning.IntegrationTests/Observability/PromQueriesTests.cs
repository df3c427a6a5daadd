namespace Decisioning.IntegrationTests.Observability;

public class PromQueriesTests
{
    [Theory]
    [InlineData("up{job=\"gateway\"} == 0", "up{job=\"gateway\"} == bool 0")]
    [InlineData("a > (14.4 * 0.001)\nand\nb >= 2", "a > bool (14.4 * 0.001)\nand\nb >= bool 2")]
    [InlineData("x{code!=\"OK\",route=~\"/v1.*\"} != 1", "x{code!=\"OK\",route=~\"/v1.*\"} != bool 1")]
    [InlineData("label_replace(up, \"model\", \"$1\", \"job\", \"(.*)\") == 0 or on(model) (r) > 0.01", "label_replace(up, \"model\", \"$1\", \"job\", \"(.*)\") == bool 0 or on(model) (r) > bool 0.01")]
    [InlineData("up == bool 0", "up == bool 0")]
    [InlineData("sum(rate(x[5m])) / sum(rate(y[5m]))", "sum(rate(x[5m])) / sum(rate(y[5m]))")]
    public void Comparisons_outside_matchers_and_strings_become_bool_comparisons(string alert, string expected)
    {
        Assert.Equal(expected, PromQueries.WithBoolComparisons(alert));
    }

    [Fact]
    public void Rules_are_read_with_their_one_line_and_block_expressions()
    {
        const string yaml = """
            groups:
              - name: g
                rules:
                  - record: a:b
                    expr: sum(rate(x[5m]))
                  - alert: Down
                    expr: |
                      up == 0
                      and
                      y > 1
                    for: 1m
            """;

        Assert.Equal(
            [("a:b", false, "sum(rate(x[5m]))"), ("Down", true, "up == 0\nand\ny > 1")],
            PromQueries.Rules(yaml).Select(r => (r.Name, r.IsAlert, r.Expr.ReplaceLineEndings("\n"))));
    }
}
