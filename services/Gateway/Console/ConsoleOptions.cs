namespace Gateway.Console;

public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>
    /// Where the console links a decision's trace; {traceId} is replaced by the trace id. The default opens the trace
    /// in the Grafana (Tempo data source) of docker-compose.yml.
    /// </summary>
    public string TraceUrlTemplate { get; set; } =
        "http://127.0.0.1:3000/explore?left=%7B%22datasource%22%3A%22tempo%22%2C%22queries%22%3A%5B%7B%22refId%22%3A%22A%22%2C%22queryType%22%3A%22traceql%22%2C%22query%22%3A%22{traceId}%22%7D%5D%7D";
}
