using Microsoft.Net.Http.Headers;

namespace Decisioning.ServiceDefaults.Metrics;

// The format of a /metrics answer, from the request's Accept header. OpenMetrics only when it is named (version
// 1.0.0 or none) with a quality at least that of text/plain (or text/*, */*); everything else, no header and an
// unparsable one included, gets the Prometheus text format 0.0.4, which every scraper reads.
internal static class ExpositionNegotiation
{
    private const string OpenMetricsMediaType = "application/openmetrics-text";

    public static ExpositionFormat Choose(IList<string>? accept)
    {
        if (accept is not { Count: > 0 } || !MediaTypeHeaderValue.TryParseList(accept, out var mediaTypes))
        {
            return ExpositionFormat.PrometheusText;
        }

        double openMetrics = 0, text = 0;
        foreach (var mediaType in mediaTypes)
        {
            var quality = mediaType.Quality ?? 1;
            var version = Version(mediaType);
            if (mediaType.MediaType.Equals(OpenMetricsMediaType, StringComparison.OrdinalIgnoreCase) && version is null or "1.0.0")
            {
                openMetrics = Math.Max(openMetrics, quality);
            }
            else if ((mediaType.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase) && version is null or "0.0.4")
                || mediaType.MatchesAllTypes || (mediaType.MatchesAllSubTypes && mediaType.Type.Equals("text", StringComparison.OrdinalIgnoreCase)))
            {
                text = Math.Max(text, quality);
            }
        }

        return openMetrics > 0 && openMetrics >= text ? ExpositionFormat.OpenMetrics : ExpositionFormat.PrometheusText;
    }

    private static string? Version(MediaTypeHeaderValue mediaType) =>
        NameValueHeaderValue.Find(mediaType.Parameters, "version")?.Value.Value?.Trim('"');
}
