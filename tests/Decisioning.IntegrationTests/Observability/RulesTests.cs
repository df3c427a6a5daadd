using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Observability;

// The Prometheus configs, rules and Grafana dashboards in observability/, checked with Debian's promtool.
public class RulesTests
{
    private static readonly TimeSpan PromtoolTimeout = TimeSpan.FromSeconds(120);

    private static readonly string Prometheus = Path.Combine(RepositoryPaths.Root, "observability", "prometheus");
    private static readonly string Rules = Path.Combine(Prometheus, "rules");
    private static readonly string Grafana = Path.Combine(RepositoryPaths.Root, "observability", "grafana");

    // The metric names the services expose (the contract with the metrics work); histograms add _bucket, _sum and _count.
    private static readonly string[] Counters =
    [
        "grpc_server_handled_total", "grpc_client_handled_total",
        "decisioning_decisions_total", "decisioning_decision_reasons_total", "decisioning_idempotent_replays_total",
        "decisioning_model_unavailable_total", "decisioning_model_grade_total", "decisioning_pricing_quotes_total",
        "decisioning_rate_limited_total", "decisioning_requests_shed_total", "decisioning_challenger_disagreements_total",
        "decisioning_challenger_dropped_total", "decisioning_outbox_published_total", "decisioning_outbox_publish_failures_total",
        "decisioning_webhook_deliveries_total", "decisioning_webhook_messages_total", "decisioning_scheduled_job_runs_total", "process_cpu_seconds_total",
    ];

    private static readonly string[] Gauges =
    [
        "up", "process_working_set_bytes", "dotnet_total_memory_bytes", "process_start_time_seconds",
        "npgsql_db_client_connection_count", "npgsql_db_client_connection_max", "decisioning_outbox_pending", "decisioning_outbox_oldest_age_seconds",
        "decisioning_health_check_status", "decisioning_webhook_dead_deliveries", "decisioning_webhook_dead_letter_messages",
        "decisioning_model_drift_psi", "decisioning_scheduled_job_last_success_timestamp_seconds", "decisioning_scheduled_job_period_seconds",
        "decisioning_requests_in_flight",
    ];

    private static readonly string[] Histograms =
    [
        "http_server_request_duration_seconds", "grpc_server_handling_seconds", "grpc_client_handling_seconds",
        "decisioning_decision_duration_seconds", "decisioning_model_score_seconds", "decisioning_model_pd", "decisioning_db_query_seconds",
        "decisioning_webhook_delivery_seconds", "decisioning_scheduled_job_duration_seconds",
    ];

    // Grafana's own variables, replaced by a plausible value so that promtool sees plain PromQL.
    private static readonly Dictionary<string, string> GrafanaVariables = new()
    {
        ["$__rate_interval"] = "5m",
        ["$__interval"] = "1m",
        ["$__range"] = "1h",
    };

    private static readonly string[] Dashboards = ["sre-overview.json", "model-monitoring.json", "business.json"];

    [Fact]
    public async Task Promtool_accepts_every_rules_file()
    {
        var files = RuleFiles();

        var output = await Promtool(["check", "rules", .. files]);

        Assert.Equal(files.Length, Regex.Matches(output, "SUCCESS").Count);
    }

    [Fact]
    public async Task Every_alert_behaves_as_its_unit_tests_expect()
    {
        var testFiles = Directory.GetFiles(Path.Combine(Rules, "tests"), "*.yml").Order().ToArray();
        Assert.NotEmpty(testFiles);

        var output = await Promtool(["test", "rules", .. testFiles]);

        Assert.Equal(testFiles.Length, Regex.Matches(output, "SUCCESS").Count);
        Assert.DoesNotContain("FAILED", output);
    }

    [Fact]
    public void Every_alert_has_a_unit_test_where_it_fires_and_one_where_it_stays_quiet()
    {
        var alerts = RuleFiles().SelectMany(f => Regex.Matches(File.ReadAllText(f), @"^\s*- alert:\s*(\S+)", RegexOptions.Multiline)).Select(m => m.Groups[1].Value).ToArray();
        var expectations = Directory.GetFiles(Path.Combine(Rules, "tests"), "*.yml")
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"alertname:\s*(\S+)\s*\n\s*exp_alerts:[ \t]*(\[\])?"))
            .Select(m => (Alert: m.Groups[1].Value, Fires: !m.Groups[2].Success))
            .ToArray();

        Assert.Contains("DecisionErrorBudgetFastBurn", alerts);
        Assert.Contains("PdDistributionDrift", alerts);
        foreach (var alert in alerts)
        {
            Assert.True(expectations.Contains((alert, true)), $"{alert} has no unit test in which it fires.");
            Assert.True(expectations.Contains((alert, false)), $"{alert} has no unit test in which it stays quiet.");
        }
    }

    [Theory]
    [InlineData("prometheus.yml")]
    [InlineData("prometheus.local.yml")]
    public async Task Prometheus_config_is_valid_and_scrapes_every_service(string config)
    {
        var path = Path.Combine(Prometheus, config);

        var output = await Promtool(["check", "config", path]);

        Assert.Contains("is valid prometheus config file syntax", output);
        Assert.Contains($"SUCCESS: {RuleFiles().Length} rule files found", output);
        var jobs = Regex.Matches(File.ReadAllText(path), @"job_name:\s*(\S+)").Select(m => m.Groups[1].Value);
        Assert.Equal(new[] { "gateway", "credit-scoring", "pricing", "worker" }, jobs);
    }

    [Fact]
    public async Task Every_dashboard_query_is_valid_promql()
    {
        var expressions = Dashboards.SelectMany(d => Expressions(Dashboard(d)).Select(e => (Dashboard: d, Expr: e))).ToArray();
        Assert.All(Dashboards, d => Assert.Contains(expressions, e => e.Dashboard == d));

        // promtool parses PromQL only inside rules: every query becomes a recording rule of a temporary file.
        var folder = Directory.CreateTempSubdirectory("dashboard-queries-");
        try
        {
            var file = Path.Combine(folder.FullName, "queries.yml");
            var yaml = new List<string> { "groups:", "  - name: dashboard-queries", "    rules:" };
            for (var i = 0; i < expressions.Length; i++)
            {
                var expr = WithoutGrafanaVariables(expressions[i].Expr);
                Assert.False(expr.Contains('$'), $"{expressions[i].Dashboard}: unknown variable in {expressions[i].Expr}");
                yaml.Add($"      - record: dashboard:query_{i}");
                yaml.Add($"        expr: {JsonSerializer.Serialize(expr)}");
            }

            await File.WriteAllLinesAsync(file, yaml);

            var output = await Promtool(["check", "rules", file]);

            Assert.Contains($"SUCCESS: {expressions.Length} rules found", output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Dashboards_and_rules_use_only_the_agreed_metric_names()
    {
        var recorded = RuleFiles().SelectMany(f => Regex.Matches(File.ReadAllText(f), @"- record:\s*(\S+)")).Select(m => m.Groups[1].Value);
        var known = Counters.Concat(Gauges).Concat(Histograms.SelectMany(h => new[] { h + "_bucket", h + "_sum", h + "_count" })).Concat(recorded).ToHashSet();
        var queries = Dashboards.SelectMany(d => Expressions(Dashboard(d)))
            .Concat(RuleFiles().SelectMany(f => Regex.Matches(File.ReadAllText(f), @"expr:\s*(\|\n(?:\s{10}.*\n?)+|.*)")).Select(m => m.Groups[1].Value))
            .ToArray();

        var used = queries.SelectMany(q => Regex.Matches(q, @"(?<![\w:""])(decisioning[\w:]*|http_server_\w+|npgsql_\w+|grpc_(?:server|client)_\w+|process_\w+|dotnet_\w+|up)(?![\w:""(])")).Select(m => m.Value).ToHashSet();

        Assert.Empty(used.Except(known));
        // The dashboards cover the whole contract, the metrics still to come included.
        Assert.All(Counters.Concat(Gauges), name => Assert.Contains(name, used));
        Assert.All(Histograms, name => Assert.True(used.Contains(name + "_bucket") || used.Contains(name + "_sum"), name));
    }

    [Fact]
    public void Dashboards_have_fixed_uids_and_use_only_provisioned_data_sources()
    {
        var provisioning = File.ReadAllText(Path.Combine(Grafana, "provisioning", "datasources", "datasources.yaml"));
        var dataSources = Regex.Matches(provisioning, @"^\s*uid:\s*(\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.True(dataSources.SetEquals(["prometheus", "tempo", "loki"]), string.Join(", ", dataSources));

        var uids = new List<string>();
        foreach (var name in Dashboards)
        {
            var dashboard = Dashboard(name);
            Assert.Equal(39, (int)dashboard["schemaVersion"]!);
            uids.Add((string)dashboard["uid"]!);
            var panelIds = new HashSet<int>();
            foreach (var panel in Panels(dashboard))
            {
                Assert.True(panelIds.Add((int)panel["id"]!), $"{name}: duplicate panel id {panel["id"]}");
                if ((string?)panel["type"] == "row")
                {
                    continue;
                }

                Assert.Contains((string)panel["datasource"]!["uid"]!, dataSources);
                Assert.All(panel["targets"]!.AsArray(), t => Assert.Contains((string)t!["datasource"]!["uid"]!, dataSources));
            }
        }

        Assert.Equal(new[] { "decisioning-sre-overview", "decisioning-model-monitoring", "decisioning-business" }, uids);
    }

    [Fact]
    public void Observability_stack_in_compose_is_pinned_and_published_on_loopback_only()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docker-compose.yml"));

        foreach (var image in new[] { "otel/opentelemetry-collector-contrib", "grafana/tempo", "grafana/loki", "prom/prometheus", "grafana/grafana" })
        {
            var tag = Regex.Match(compose, $@"image:\s*{Regex.Escape(image)}:(\S+)");
            Assert.True(tag.Success, $"{image} is not in the compose file.");
            Assert.Matches(@"^v?\d+\.\d+\.\d+$", tag.Groups[1].Value);
        }

        var published = Regex.Matches(compose, @"^\s*- ""([^""]+:\d+)""\s*$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
        Assert.Contains("127.0.0.1:3000:3000", published);
        Assert.All(published, port => Assert.StartsWith("127.0.0.1:", port));
        foreach (var mounted in Regex.Matches(compose, @"\./(observability/[^:]+):").Select(m => m.Groups[1].Value))
        {
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, mounted)) || Directory.Exists(Path.Combine(RepositoryPaths.Root, mounted)), mounted);
        }
    }

    private static string[] RuleFiles() => Directory.GetFiles(Rules, "*.yml").Order().ToArray();

    private static JsonNode Dashboard(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Grafana, "dashboards", name))) ?? throw new InvalidDataException(name);

    private static IEnumerable<JsonNode> Panels(JsonNode dashboard) =>
        dashboard["panels"]!.AsArray().SelectMany(p => new[] { p! }.Concat(p!["panels"]?.AsArray().Select(n => n!) ?? []));

    // Every "expr" anywhere in the dashboard: panel targets, also inside collapsed rows.
    private static IEnumerable<string> Expressions(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(property => property.Key == "expr" && property.Value is JsonValue value
            ? [(string)value!]
            : Expressions(property.Value)),
        JsonArray array => array.SelectMany(Expressions),
        _ => [],
    };

    private static string WithoutGrafanaVariables(string expr) =>
        GrafanaVariables.OrderByDescending(v => v.Key.Length).Aggregate(expr, (e, v) => e.Replace(v.Key, v.Value, StringComparison.Ordinal));

    private static Task<string> Promtool(IEnumerable<string> arguments) => ProcessRunner.RunAsync("promtool", arguments, PromtoolTimeout);
}
