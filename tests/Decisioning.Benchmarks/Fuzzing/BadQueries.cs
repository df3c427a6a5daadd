namespace Decisioning.Benchmarks.Fuzzing;

/// <summary>
/// Query strings every one of which the route must refuse: unknown or repeated parameters, values outside what a
/// parameter accepts (dates, probabilities, limits, value sets, lengths, control characters) and cursors it never issued.
/// </summary>
public static class BadQueries
{
    private static readonly string[] HistoryFilters = ["from", "to", "outcome", "product", "grade", "modelVersion", "policyVersion", "minPd", "maxPd", "applicationId", "reason"];
    // The far past and future are dates, so they are only bad where they make a range too long or backwards.
    private static readonly string[] BadDates = ["yesterday", "2026-13-01", "2026-02-30", "", "0000-00-00", "10000-01-01", "2026-11-01T25:00:00Z", "1e9", "%00", "-1", new string('2', 41)];
    private static readonly string[] BadProbabilities = ["-0.1", "1.01", "NaN", "Infinity", "-Infinity", "abc", "1e400", "0x1", "", "1,5", "%0A"];
    private static readonly string[] BadLimits = ["0", "-1", "1.5", "abc", "99999999999", "", "1e3", "%EF%BC%95", "0x10"];

    // The history's limit is digits only; a route that binds an int reads " 5" and "+5" as 5.
    private static readonly string[] BadHistoryLimits = [.. BadLimits, "%205", "+5", "501"];
    private static readonly string[] UnknownNames = ["limitt", "Outcome", "q", "from%5B%5D", "%00", "a%20b", "%C3%BC", "cursor", "groupBy", "limit", "page"];

    /// <summary>The query (without '?') of a valid request to a route taking <paramref name="kind"/>.</summary>
    public static string Valid(FuzzQuery kind) => kind switch
    {
        FuzzQuery.HistoryList => "outcome=approve&limit=10",
        FuzzQuery.HistoryStats => "groupBy=outcome",
        FuzzQuery.HistoryExport => "outcome=decline&from=2026-11-01&to=2026-11-02",
        FuzzQuery.BacktestList => "limit=10",
        FuzzQuery.Range or FuzzQuery.ReportRange => "from=2026-11-01&to=2026-11-02",
        FuzzQuery.Deliveries => "status=dead&limit=10",
        _ => "",
    };

    /// <summary>An invalid query for <paramref name="kind"/> and what is wrong with it.</summary>
    public static (string Defect, string Query) Mutate(FuzzQuery kind, Random random) => kind switch
    {
        FuzzQuery.HistoryList or FuzzQuery.HistoryStats or FuzzQuery.HistoryExport => History(kind, random),
        FuzzQuery.BacktestList => ("query:limit", "limit=" + Pick(random, [.. BadLimits.Where(l => l.Length > 0), "201", "2147483648"])),
        FuzzQuery.Range => Range(random, report: false),
        FuzzQuery.ReportRange => Range(random, report: true),
        FuzzQuery.Deliveries => Deliveries(random),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "This route takes no query."),
    };

    private static (string, string) History(FuzzQuery kind, Random random)
    {
        var valid = Valid(kind);
        var unknown = UnknownNames.Where(n => kind switch
        {
            FuzzQuery.HistoryList => n is not ("cursor" or "limit"),
            FuzzQuery.HistoryStats => n != "groupBy",
            _ => true,
        }).ToArray();
        switch (random.Next(10))
        {
            case 0:
                return ("query:unknown-parameter", $"{valid}&{Pick(random, unknown)}=1");
            case 1:
                var repeated = Pick(random, HistoryFilters);
                return ("query:repeated-parameter", $"{valid}&{repeated}=x&{repeated}=y");
            case 2:
                var date = Pick(random, ["from", "to"]);
                var dates = date == "from" ? [.. BadDates, "0001-01-01", "9999-12-31"] : BadDates;
                return ($"query:{date}", $"{Without(valid, "from", "to")}&{date}={Pick(random, dates)}");
            case 3:
                return random.Next(3) switch
                {
                    0 => ("query:from-after-to", $"{Without(valid, "from", "to")}&from=2026-11-03&to=2026-11-01"),
                    1 => ("query:range-too-long", $"{Without(valid, "from", "to")}&from=1900-01-01&to=2026-11-01"),
                    _ => ("query:minPd-over-maxPd", $"{valid}&minPd=0.9&maxPd=0.1"),
                };
            case 4:
                var pd = Pick(random, ["minPd", "maxPd"]);
                return ($"query:{pd}", $"{valid}&{pd}={Pick(random, BadProbabilities)}");
            case 5:
                var (name, values) = Pick<(string, string[])>(random,
                [
                    ("outcome", ["approved", "APPROVE", "", "%20refer", "refer%00"]),
                    ("grade", ["a", "H", "AB", "", "%C3%84"]),
                    ("product", ["", new string('p', 51), "personal%0Aloan"]),
                    ("modelVersion", ["", new string('m', 101), "x%07"]),
                    ("policyVersion", ["", new string('v', 101)]),
                    ("applicationId", ["", new string('a', 101), "LA%0D%0A1"]),
                    ("reason", ["", new string('r', 101), "%1B"]),
                ]);
                return ($"query:{name}", $"{Without(valid, name)}&{name}={Pick(random, values)}");
            case 6 when kind == FuzzQuery.HistoryList:
                return ("query:limit", $"{Without(valid, "limit")}&limit={Pick(random, BadHistoryLimits)}");
            case 7 when kind == FuzzQuery.HistoryList:
                return ("query:cursor", $"{valid}&cursor={Cursor(random)}");
            case 8 when kind == FuzzQuery.HistoryStats:
                return random.Next(2) == 0
                    ? ("query:groupBy-missing", "outcome=approve")
                    : ("query:groupBy", $"groupBy={Pick(random, ["", "nope", "OUTCOME", "outcome,grade", "decision_id", "outcome%3B--"])}");
            default:
                return ("query:malformed", $"{valid}&{Pick(random, ["outcome", "%zz=1", "grade", "limit%3D5%26x"])}");
        }
    }

    // No cursor the Gateway signed: garbage, the right length with a forged signature, too long, or bytes that are no UTF-8.
    private static string Cursor(Random random) => random.Next(7) switch
    {
        0 => "a=b",
        1 => "",
        2 => Convert.ToBase64String(Bytes(random, 49)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        3 => new string('A', 129 + random.Next(400)),
        4 => Pick(random, ["%C3%28", "%FF%FE", "%ED%A0%80", "!!!!", "AAAA", "=", "null", "%00"]),
        5 => "AQ" + Convert.ToBase64String(Bytes(random, 48)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        _ => Convert.ToBase64String(Bytes(random, 24)),
    };

    // An empty date is no date (the default); a report also refuses a range over 366 days.
    private static (string, string) Range(Random random, bool report)
    {
        var dates = BadDates.Where(d => d.Length > 0).ToArray();
        return random.Next(report ? 4 : 3) switch
        {
            0 => ("query:from", $"from={Pick(random, dates)}"),
            1 => ("query:to", $"to={Pick(random, dates)}"),
            2 => ("query:from-after-to", Pick(random, ["from=2026-11-03&to=2026-11-01", "from=9999-12-31&to=0001-01-01"])),
            _ => ("query:range-too-long", Pick(random, ["from=0001-01-01", "from=1900-01-01&to=9999-12-31", "from=2025-01-01&to=2026-11-01"])),
        };
    }

    private static (string, string) Deliveries(Random random) => random.Next(3) switch
    {
        0 => ("query:status", $"status={Pick(random, ["PENDING", "nope", "dead%00", "%20dead"])}"),
        1 => ("query:limit", $"limit={Pick(random, [.. BadLimits.Where(l => l.Length > 0), "201", "2147483648"])}"),
        _ => ("query:cursor", $"cursor={Cursor(random)}"),
    };

    private static string Without(string query, params string[] names) =>
        string.Join('&', query.Split('&').Where(p => !names.Contains(p.Split('=')[0])));

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
