using Decisioning.ServiceDefaults.Metrics;

namespace Decisioning.ServiceDefaults.UnitTests;

public class ExpositionNegotiationTests
{
    [Theory]
    [InlineData("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")]
    [InlineData("application/openmetrics-text")]
    [InlineData("Application/OpenMetrics-Text; version=1.0.0; charset=utf-8")]
    [InlineData("text/plain;q=0.5, application/openmetrics-text")]
    [InlineData("application/openmetrics-text, */*")]
    public void Scrapers_that_ask_for_openmetrics_get_it(string accept) =>
        Assert.Equal(ExpositionFormat.OpenMetrics, ExpositionNegotiation.Choose([accept]));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*/*")]
    [InlineData("text/plain")]
    [InlineData("text/plain;version=0.0.4")]
    [InlineData("text/plain, application/openmetrics-text;q=0.5")]
    [InlineData("application/openmetrics-text;version=2.0.0, text/plain;q=0.1")]
    [InlineData("application/openmetrics-text;q=0")]
    [InlineData("application/json")]
    [InlineData("not a media type;;;")]
    public void Everyone_else_gets_the_prometheus_text_format(string? accept) =>
        Assert.Equal(ExpositionFormat.PrometheusText, ExpositionNegotiation.Choose(accept is null ? null : [accept]));

    [Fact]
    public void Accept_given_in_several_header_lines_is_read_as_one_list() =>
        Assert.Equal(ExpositionFormat.OpenMetrics, ExpositionNegotiation.Choose(["text/plain;q=0.5", "application/openmetrics-text"]));
}
