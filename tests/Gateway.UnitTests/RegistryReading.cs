using System.Globalization;
using System.Text;
using Prometheus;

namespace Gateway.UnitTests;

// What a scrape of a registry would show for one series, read from prometheus-net's own text exposition.
internal static class RegistryReading
{
    public static async Task<double?> ValueAsync(CollectorRegistry registry, string series)
    {
        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        foreach (var line in Encoding.UTF8.GetString(text.ToArray()).Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
