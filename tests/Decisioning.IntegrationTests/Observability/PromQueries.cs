using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Decisioning.IntegrationTests.Observability;

// The PromQL of observability/: every dashboard target and every rule, ready to evaluate against a real Prometheus.
public static class PromQueries
{
    // Grafana's own variables, replaced by values that suit a Prometheus that has scraped for seconds.
    private static readonly (string Name, string Value)[] GrafanaVariables =
    [
        ("$__rate_interval", "5m"),
        ("$__interval", "1m"),
        ("$__range", "1h"),
    ];

    /// <summary>Every <c>expr</c> of a Grafana dashboard (panel targets, also inside collapsed rows), variables substituted.</summary>
    public static IEnumerable<string> Dashboard(string json) => Expressions(JsonNode.Parse(json)).Select(e =>
        GrafanaVariables.Aggregate(e, (expr, variable) => expr.Replace(variable.Name, variable.Value, StringComparison.Ordinal)));

    /// <summary>Every rule of a Prometheus rules file: its name (<c>record</c> or <c>alert</c>), whether it is an alert, and its expression.</summary>
    public static IEnumerable<(string Name, bool IsAlert, string Expr)> Rules(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var rule = Regex.Match(lines[i], @"^\s*- (record|alert):\s*(\S+)");
            if (!rule.Success)
            {
                continue;
            }

            var j = i + 1;
            while (!Regex.IsMatch(lines[j], @"^\s*expr:"))
            {
                j++;
            }

            var expr = Regex.Match(lines[j], @"^(\s*)expr:\s*(.*)$");
            var indent = expr.Groups[1].Value.Length;
            var text = expr.Groups[2].Value.Trim();
            if (text is "|" or ">")
            {
                var block = new StringBuilder();
                for (j++; j < lines.Length && (lines[j].Trim().Length == 0 || lines[j].Length - lines[j].TrimStart().Length > indent); j++)
                {
                    block.AppendLine(lines[j].Trim());
                }

                text = block.ToString().Trim();
            }

            yield return (rule.Groups[2].Value, rule.Groups[1].Value == "alert", text);
        }
    }

    /// <summary>
    /// An alert's expression in a form that returns its series when nothing is wrong: every comparison outside label
    /// matchers and strings becomes a <c>bool</c> comparison (<c>up == 0</c> → <c>up == bool 0</c>), so series are
    /// kept with 0 or 1 instead of being filtered away; <c>and</c>/<c>or</c>/<c>unless</c> still combine them as written.
    /// </summary>
    public static string WithBoolComparisons(string expr)
    {
        var result = new StringBuilder(expr.Length + 16);
        var braces = 0;
        char? quote = null;
        for (var i = 0; i < expr.Length; i++)
        {
            var c = expr[i];
            result.Append(c);
            if (quote is not null)
            {
                if (c == '\\' && i + 1 < expr.Length)
                {
                    result.Append(expr[++i]);
                }
                else if (c == quote)
                {
                    quote = null;
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'' or '`':
                    quote = c;
                    continue;
                case '{':
                    braces++;
                    continue;
                case '}':
                    braces--;
                    continue;
            }

            if (braces > 0 || c is not ('=' or '!' or '>' or '<'))
            {
                continue;
            }

            var next = i + 1 < expr.Length ? expr[i + 1] : '\0';
            var isComparison = c switch
            {
                '=' or '!' => next == '=',
                _ => true,
            };
            if (!isComparison)
            {
                continue;
            }

            if (next == '=')
            {
                result.Append(next);
                i++;
            }

            if (!Regex.IsMatch(expr[(i + 1)..], @"^\s*bool\b"))
            {
                result.Append(" bool");
            }
        }

        return result.ToString();
    }

    private static IEnumerable<string> Expressions(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(property => property.Key == "expr" && property.Value is JsonValue value
            ? [(string)value!]
            : Expressions(property.Value)),
        JsonArray array => array.SelectMany(Expressions),
        _ => [],
    };
}
