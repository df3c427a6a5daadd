using Decisioning.ServiceDefaults.Metrics;
using Prometheus;

namespace Decisioning.ServiceDefaults.UnitTests;

public class SeriesLimitTests
{
    [Fact]
    public void Label_sets_past_the_limit_are_counted_in_one_other_series()
    {
        var quotes = Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry()).CreateCounter("quotes_total", "Quotes.", ["product"]);

        for (var i = 0; i < SeriesLimit.MaxSeriesPerMetric + 50; i++)
        {
            quotes.WithBoundedLabels($"product-{i}").Inc();
        }

        // A set seen before the limit keeps its own series.
        quotes.WithBoundedLabels("product-0").Inc();

        var series = quotes.GetAllLabelValues().Select(values => values[0]).ToList();
        Assert.Equal(SeriesLimit.MaxSeriesPerMetric + 1, series.Count);
        Assert.Equal(50, quotes.WithLabels(SeriesLimit.Other).Value);
        Assert.Equal(2, quotes.WithLabels("product-0").Value);
        Assert.DoesNotContain($"product-{SeriesLimit.MaxSeriesPerMetric}", series);
    }
}
