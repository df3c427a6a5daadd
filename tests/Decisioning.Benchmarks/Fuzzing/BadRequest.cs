namespace Decisioning.Benchmarks.Fuzzing;

/// <summary>
/// A request that must be refused: <paramref name="Endpoint"/> is the route it aims at, <paramref name="Defect"/> what
/// makes it invalid. When <paramref name="ServerLevel"/> is set the HTTP server itself may answer it (oversized headers,
/// request line or body) with an empty 4xx or by closing the connection, before the application sees it.
/// </summary>
public sealed record BadRequest(
    int Index,
    string Endpoint,
    string Defect,
    string Method,
    string Target,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string? ContentType,
    bool ServerLevel)
{
    public override string ToString()
    {
        var target = Target.Length > 160 ? $"{Target[..160]}… ({Target.Length} chars)" : Target;
        var body = Body is null ? "no body" : $"{Body.Length} bytes: {Excerpt(Body)}";
        var headers = string.Join("; ", Headers.Select(h => $"{h.Key}: {(h.Value.Length > 60 ? $"{h.Value[..60]}… ({h.Value.Length} chars)" : h.Value)}"));
        return $"#{Index} {Method} {target} [{Defect}] content-type: {ContentType ?? "none"}; {headers}; {body}";
    }

    private static string Excerpt(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
        return body.Length > 200 ? text + "…" : text;
    }
}
