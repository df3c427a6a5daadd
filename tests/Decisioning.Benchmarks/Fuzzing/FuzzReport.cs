using System.Globalization;
using System.Text;

namespace Decisioning.Benchmarks.Fuzzing;

/// <summary>What a fuzz run saw: answers by route and verdict, by status code, and the failures with their requests.</summary>
public sealed class FuzzReport
{
    private const int KeptFailures = 50;
    private static readonly FuzzVerdict[] Verdicts = Enum.GetValues<FuzzVerdict>();

    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, long[]> _byEndpoint = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, long> _byStatus = [];
    private readonly List<string> _failures = [];

    public long Sent { get; private set; }

    public long Failures { get; private set; }

    public long ServerErrors { get; private set; }

    public bool TimedOut { get; set; }

    public bool? HealthyAfterwards { get; set; }

    public TimeSpan Elapsed { get; set; }

    public IReadOnlyList<string> FailureSamples
    {
        get
        {
            lock (_lock)
            {
                return [.. _failures];
            }
        }
    }

    public bool Passed => Failures == 0 && !TimedOut && HealthyAfterwards == true;

    public long Count(FuzzVerdict verdict)
    {
        lock (_lock)
        {
            return _byEndpoint.Values.Sum(counts => counts[(int)verdict]);
        }
    }

    public long CountStatus(int status)
    {
        lock (_lock)
        {
            return _byStatus.GetValueOrDefault(status);
        }
    }

    public void Add(BadRequest request, int status, FuzzVerdict verdict, string detail)
    {
        lock (_lock)
        {
            Sent++;
            if (!_byEndpoint.TryGetValue(request.Endpoint, out var counts))
            {
                _byEndpoint[request.Endpoint] = counts = new long[Verdicts.Length];
            }

            counts[(int)verdict]++;
            _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
            if (verdict >= FuzzVerdict.Accepted)
            {
                Failures++;
                if (verdict == FuzzVerdict.ServerError)
                {
                    ServerErrors++;
                }

                if (_failures.Count < KeptFailures)
                {
                    _failures.Add($"{verdict} {(status == 0 ? "no answer" : status.ToString(CultureInfo.InvariantCulture))}: {detail}{Environment.NewLine}    {request}");
                }
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            var text = new StringBuilder();
            var width = Math.Max(10, _byEndpoint.Keys.Append("total").Max(k => k.Length));
            var header = string.Join(" ", Verdicts.Select(v => Name(v).PadLeft(9)));
            text.AppendLine($"{"route".PadRight(width)} {"requests",9} {header}");
            foreach (var (endpoint, counts) in _byEndpoint.Append(new("total", [.. Verdicts.Select(v => _byEndpoint.Values.Sum(c => c[(int)v]))])))
            {
                text.AppendLine($"{endpoint.PadRight(width)} {counts.Sum(),9} {string.Join(" ", counts.Select(c => c.ToString(CultureInfo.InvariantCulture).PadLeft(9)))}");
            }

            text.AppendLine();
            text.AppendLine("by status: " + string.Join(", ", _byStatus.Select(s => $"{(s.Key == 0 ? "none" : s.Key.ToString(CultureInfo.InvariantCulture))}: {s.Value}")));
            text.AppendLine(CultureInfo.InvariantCulture, $"sent {Sent} in {Elapsed.TotalSeconds:F1} s; failures {Failures} (server errors {ServerErrors}); healthy afterwards: {HealthyAfterwards?.ToString() ?? "not checked"}{(TimedOut ? "; TIMED OUT" : "")}");
            foreach (var failure in _failures)
            {
                text.AppendLine(failure);
            }

            return text.ToString();
        }
    }

    private static string Name(FuzzVerdict verdict) => verdict switch
    {
        FuzzVerdict.Refused => "4xx",
        FuzzVerdict.RateLimited => "429",
        FuzzVerdict.Shed => "503-shed",
        FuzzVerdict.RefusedByServer => "kestrel",
        FuzzVerdict.Accepted => "ACCEPTED",
        FuzzVerdict.ServerError => "5xx",
        _ => "NO-PROBLEM",
    };
}
