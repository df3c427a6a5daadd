using System.Globalization;
using System.Text;

namespace Decisioning.IntegrationTests.Observability;

/// <summary>One scrape of a <c>/metrics</c> endpoint: its text and its samples.</summary>
public sealed class Scrape
{
    private Scrape(string text, IReadOnlyList<MetricSample> samples)
    {
        Text = text;
        Samples = samples;
    }

    public string Text { get; }

    public IReadOnlyList<MetricSample> Samples { get; }

    public static async Task<Scrape> FetchAsync(Uri serviceAddress)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.GetAsync(new Uri(serviceAddress, "/metrics"));
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Scrapes every 200 ms until <paramref name="condition"/> holds or 30 s pass; returns the last scrape either way.</summary>
    public static async Task<Scrape> UntilAsync(Uri serviceAddress, Func<Scrape, bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var scrape = await FetchAsync(serviceAddress);
            if (condition(scrape) || DateTime.UtcNow > until)
            {
                return scrape;
            }

            await Task.Delay(200);
        }
    }

    public static Scrape Parse(string text)
    {
        var samples = new List<MetricSample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0 && line[0] != '#')
            {
                samples.Add(ParseSample(line));
            }
        }

        return new Scrape(text, samples);
    }

    /// <summary>The sum of the samples named <paramref name="name"/> that carry every label given (0 when none).</summary>
    public double Sum(string name, params (string Name, string Value)[] labels) =>
        Matching(name, labels).Sum(sample => sample.Value);

    public IEnumerable<MetricSample> Matching(string name, params (string Name, string Value)[] labels) =>
        Samples.Where(sample => sample.Name == name && labels.All(label => sample.Labels.TryGetValue(label.Name, out var value) && value == label.Value));

    public bool Has(string name, params (string Name, string Value)[] labels) => Matching(name, labels).Any();

    private static MetricSample ParseSample(string line)
    {
        var labels = new Dictionary<string, string>();
        var i = 0;
        while (i < line.Length && line[i] != '{' && line[i] != ' ')
        {
            i++;
        }

        var name = line[..i];
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var equals = line.IndexOf('=', i);
                var labelName = line[i..equals];
                i = equals + 2;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] == 'n' ? '\n' : line[i]);
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                labels[labelName] = value.ToString();
                i++;
                if (line[i] == ',')
                {
                    i++;
                }
            }

            i++;
        }

        var number = line[(i + 1)..];
        var parsed = number switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new MetricSample(name, labels, parsed);
    }
}
