using System.Text.Json;

namespace Gateway.Reviews;

// The stored decision document is never rewritten (replays stay byte-identical), so the review is
// appended to its text as one more member rather than by re-serialising the document.
public static class DecisionWithReview
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Compose(string documentJson, ReviewDocument review)
    {
        var end = documentJson.AsSpan().TrimEnd();
        if (end.Length < 2 || end[^1] != '}')
        {
            throw new InvalidOperationException("A stored decision document is always a JSON object.");
        }

        var body = end[..^1].TrimEnd();
        var separator = body is "{" ? "" : ",";
        return string.Concat(body.ToString(), separator, "\"review\":", JsonSerializer.Serialize(review, Json), "}");
    }
}
