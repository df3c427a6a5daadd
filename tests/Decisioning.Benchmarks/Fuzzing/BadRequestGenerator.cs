using System.Text;

namespace Decisioning.Benchmarks.Fuzzing;

/// <summary>
/// Bad requests to every Gateway route, the same ones for the same seed. Each starts from a valid request and gets a
/// defect that on its own must make the Gateway refuse it (so none may write anything): a bad or missing key or a
/// role without the right, a method or path the Gateway does not serve, a bad Idempotency-Key or Content-Type, a bad
/// body or query, or an id that names nothing. Request <c>i</c> depends only on the seed and <c>i</c>.
/// </summary>
public sealed class BadRequestGenerator(FuzzKeys keys, int seed)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "FOO", "PROPFIND", "M-SEARCH"];
    private static readonly string[] BadContentTypes =
        ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream", "application/jsonp", "json", "application/", ";;;"];

    private static readonly string[] UnknownPaths =
        ["/v2/decisions", "/v1/decisionz", "/v1", "/", "/v1/admin", "/v1/reports", "/v1/reviews", "/api/v1/decisions", "/v1/decisions%00", "/v1/decisions;jsessionid=1",
         "/%2e%2e/%2e%2e/etc/passwd", "/v1/outcomes/1", "/v1/admin/keys/not-a-guid", "/v1/webhooks/1/test", "/v1/backtests/%7B%7D", "/v1/models/a/b/c/d/e", "/favicon.ico"];

    private static readonly string[] BadIds =
        ["not-a-guid", "1", "%00", "'%20OR%201=1--", "%E2%80%AE", "00000000-0000-0000-0000-00000000000g", "00000000000000000000000000000000000", "%7B%7D"];

    private static readonly string[] Suffixes = ["nope", "%00", "x.json", "..;", "%20"];

    public IEnumerable<BadRequest> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return Request(i);
        }
    }

    public BadRequest Request(int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) + index));
        var endpoint = FuzzEndpoints.All[random.Next(FuzzEndpoints.All.Count)];
        var families = Families(endpoint);
        var family = families[random.Next(families.Count)];
        var request = new Draft(endpoint, random, index, keys);
        var defect = family switch
        {
            "auth" => request.BreakAuthorization(),
            "method" => request.UseMethod(Pick(random, Methods.Where(m => !FuzzEndpoints.MethodsOf(endpoint.Route).Contains(m)).ToArray())),
            "path" => request.BreakPath(),
            "idempotency-key" => request.BreakIdempotencyKey(),
            "content-type" => request.UseContentType(Pick(random, [null, .. BadContentTypes])),
            "body" => request.BreakBody(),
            "query" => request.BreakQuery(),
            "name" => request.BreakName(),
            _ => "unknown-resource",
        };

        // Beside the defect: a header the Gateway does not read, which must change nothing.
        if (random.Next(8) == 0)
        {
            request.Headers.Add(new("X-Fuzz-Noise", new string('n', random.Next(1, 4000))));
        }

        return request.Build(defect);
    }

    // What can be wrong with a request to this route. An id route's valid request is already refused (the random id
    // names nothing), as is one to a route whose names are checked or looked up.
    private static List<string> Families(FuzzEndpoint endpoint)
    {
        var families = new List<string> { "method", "path" };
        if (!endpoint.Open)
        {
            families.AddRange(["auth", "auth"]);
        }

        if (endpoint is { Method: "POST", Route: "/v1/decisions" })
        {
            families.Add("idempotency-key");
        }

        if (endpoint.Body != FuzzBody.None)
        {
            families.AddRange(["content-type", "body", "body", "body", "body"]);
        }

        if (endpoint.Query != FuzzQuery.None)
        {
            families.AddRange(["query", "query", "query"]);
        }

        if (endpoint.Route is "/v1/models/{name}/{version}/card" or "/v1/models/{name}/performance" or "/v1/models/{name}/drift")
        {
            families.Add("name");
        }

        if (endpoint.NamesUnknownResource)
        {
            families.Add("unknown-resource");
        }

        return families;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    // A valid request to the route, changed by one of the methods below.
    private sealed class Draft
    {
        private readonly FuzzEndpoint _endpoint;
        private readonly Random _random;
        private readonly int _index;
        private readonly Dictionary<string, string> _routeValues;
        private bool _serverLevel;

        public Draft(FuzzEndpoint endpoint, Random random, int index, FuzzKeys keys)
        {
            _endpoint = endpoint;
            _random = random;
            _index = index;
            Method = endpoint.Method;
            _routeValues = new Dictionary<string, string>
            {
                ["{decisionId}"] = Id(),
                ["{backtestId}"] = Id(),
                ["{keyId}"] = Id(),
                ["{webhookId}"] = Id(),
                ["{deliveryId}"] = Id(),
                ["{champion}"] = "german-scorecard",
                ["{challenger}"] = "german-gbm",
                ["{name}"] = endpoint.Route.EndsWith("/card", StringComparison.Ordinal) ? "no-such-model" : "german-scorecard",
                ["{version}"] = "1",
            };
            Query = BadQueries.Valid(endpoint.Query);
            if (!endpoint.Open)
            {
                Headers.Add(new("Authorization", "Bearer " + keys.For(Pick(random, endpoint.Roles))));
            }

            if (endpoint is { Method: "POST", Route: "/v1/decisions" })
            {
                Headers.Add(new("Idempotency-Key", $"fuzz-{index}-{random.Next():x8}"));
            }

            if (endpoint.Body != FuzzBody.None)
            {
                Body = Encoding.UTF8.GetBytes(BodySchemas.For(endpoint.Body).Valid(index).ToJsonString());
                ContentType = "application/json";
            }

            Keys = keys;
        }

        public List<KeyValuePair<string, string>> Headers { get; } = [];

        private FuzzKeys Keys { get; }

        private string Method { get; set; }

        private string? PathOverride { get; set; }

        private string Query { get; set; }

        private byte[]? Body { get; set; }

        private string? ContentType { get; set; }

        public string BreakAuthorization()
        {
            var key = Keys.For(Pick(_random, _endpoint.Roles));
            Headers.RemoveAll(h => h.Key == "Authorization");
            var forbidden = FuzzKeys.Roles.Except(_endpoint.Roles).ToArray();
            switch (_random.Next(9))
            {
                case 0:
                    return "auth:none";
                case 1:
                    Headers.Add(new("Authorization", Pick(_random, ["Basic ZGVtbzpkZW1v", $"Token {key}", "Bearer", $"Bearer{key}", $"Digest {key}", key])));
                    return "auth:scheme";
                case 2:
                    Headers.Add(new("Authorization", "Bearer " + Pick(_random, [$"fz_{_random.Next():x8}", key + "x", key[..^1], "", $"{key},Bearer {key}", $"{key} {key}"])));
                    return "auth:unknown-key";
                case 3 or 4 when forbidden.Length > 0:
                    Headers.Add(new("Authorization", "Bearer " + Keys.For(Pick(_random, forbidden))));
                    return "auth:wrong-role";
                case 5:
                    Headers.Add(new("Authorization", "Bearer " + new string('k', _random.Next(513, 8000))));
                    return "auth:long";
                case 6:
                    _serverLevel = true;
                    Headers.Add(new("Authorization", "Bearer " + new string('k', _random.Next(33_000, 64_000))));
                    return "auth:huge";
                case 7:
                    _serverLevel = true;
                    Headers.Add(new("Authorization", "Bearer " + Pick(_random, ["\u00ff\u00fe", "k\u00c3\u0028", "\u00ed\u00a0\u0080", $"{key}\u00e9"])));
                    return "auth:invalid-utf8";
                default:
                    _serverLevel = true;
                    Headers.Add(new("Authorization", "Bearer " + Pick(_random, [$"{key}\u0001", "\u0000", $"a\tb{key}", "\u007f"])));
                    return "auth:control-characters";
            }
        }

        public string UseMethod(string method)
        {
            Method = method;
            // A TRACE request carries no body (the client refuses to send one).
            if (method == "TRACE")
            {
                Body = null;
            }

            return $"method:{method}";
        }

        public string BreakPath()
        {
            var path = Path();
            switch (_random.Next(4))
            {
                case 0 when _endpoint.NamesUnknownResource:
                    var id = _routeValues.Where(v => _endpoint.Route.Contains(v.Key, StringComparison.Ordinal) && v.Key.EndsWith("Id}", StringComparison.Ordinal)).First();
                    PathOverride = path.Replace(id.Value, Pick(_random, [.. BadIds, id.Value + "x"]), StringComparison.Ordinal);
                    return "path:bad-id";
                case 1:
                    if (_random.Next(20) == 0)
                    {
                        _serverLevel = true;
                        PathOverride = "/" + new string('a', _random.Next(3000, 12000));
                        return "path:long";
                    }

                    PathOverride = Pick(_random, UnknownPaths);
                    return "path:unknown";
                default:
                    PathOverride = $"{path}/{Pick(_random, Suffixes)}";
                    return "path:extra-segment";
            }
        }

        public string BreakIdempotencyKey()
        {
            Headers.RemoveAll(h => h.Key == "Idempotency-Key");
            switch (_random.Next(4))
            {
                case 0:
                    return "idempotency-key:none";
                case 1:
                    Headers.Add(new("Idempotency-Key", ""));
                    return "idempotency-key:empty";
                case 2:
                    Headers.Add(new("Idempotency-Key", new string('i', _random.Next(201, 8000))));
                    return "idempotency-key:too-long";
                default:
                    _serverLevel = true;
                    Headers.Add(new("Idempotency-Key", new string('i', _random.Next(33_000, 64_000))));
                    return "idempotency-key:huge";
            }
        }

        public string UseContentType(string? contentType)
        {
            ContentType = contentType;
            return $"content-type:{contentType ?? "none"}";
        }

        public string BreakBody()
        {
            var (defect, body, oversized) = BadBodies.Mutate(_endpoint.Body, _random, _index);
            Body = body;
            _serverLevel |= oversized;
            return defect;
        }

        public string BreakQuery()
        {
            var (defect, query) = BadQueries.Mutate(_endpoint.Query, _random);
            Query = query;
            return defect;
        }

        public string BreakName()
        {
            var name = _endpoint.Route.EndsWith("/drift", StringComparison.Ordinal)
                ? Pick(_random, ["German-Scorecard", "-x", new string('m', 65), "a_b", "%C3%BC", "a%20b"])
                : Pick(_random, ["no-such-model", "-x", "a%20b", "%00", new string('m', 101), "%C3%BC", ".hidden", "a%2Fb"]);
            _routeValues["{name}"] = name;
            if (_endpoint.Route.EndsWith("/card", StringComparison.Ordinal) && _random.Next(2) == 0)
            {
                _routeValues["{name}"] = "german-scorecard";
                _routeValues["{version}"] = Pick(_random, ["999", "-1", "%00", "1%20", new string('9', 101)]);
                return "name:version";
            }

            return "name:name";
        }

        public BadRequest Build(string defect)
        {
            var target = PathOverride ?? Path();
            // The HTTP server refuses a NUL in the path before any route sees it.
            _serverLevel |= target.Contains("%00", StringComparison.Ordinal);
            if (Query.Length > 0 && PathOverride is null)
            {
                target += "?" + Query;
            }

            return new BadRequest(_index, _endpoint.Name, defect, Method, target, Headers, Body, Body is null ? null : ContentType, _serverLevel);
        }

        private string Path() => _routeValues.Aggregate(_endpoint.Route, (path, value) => path.Replace(value.Key, value.Value, StringComparison.Ordinal));

        private string Id() => _random.Next(10) switch
        {
            0 => Guid.Empty.ToString(),
            1 => "ffffffff-ffff-ffff-ffff-ffffffffffff",
            _ => new Guid([.. Enumerable.Range(0, 16).Select(_ => (byte)_random.Next(256))]).ToString(),
        };
    }
}
