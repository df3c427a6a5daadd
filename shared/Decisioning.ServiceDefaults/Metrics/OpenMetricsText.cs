using System.Globalization;
using System.Text;

namespace Decisioning.ServiceDefaults.Metrics;

// What OpenMetrics 1.0 text writes differently from the Prometheus text format 0.0.4: family names, help
// escaping, canonical numbers and exemplars. Label sets are escaped alike in both.
internal static class OpenMetricsText
{
    public const string Eof = "# EOF\n";

    /// <summary>A counter's family is named without <c>_total</c>; only its samples carry it.</summary>
    public static string FamilyName(string metricName, MetricKind kind) =>
        kind == MetricKind.Counter && metricName.EndsWith("_total", StringComparison.Ordinal) ? metricName[..^"_total".Length] : metricName;

    /// <summary>The <c># UNIT</c> value, or null: OpenMetrics allows a unit only as the suffix of the family name.</summary>
    public static string? Unit(string familyName, string unitSuffix) =>
        unitSuffix.Length > 0 && familyName.EndsWith("_" + unitSuffix, StringComparison.Ordinal) ? unitSuffix : null;

    // Unlike 0.0.4, OpenMetrics escapes double quotes in help text too.
    public static void AppendHelp(StringBuilder output, string help) => PrometheusText.AppendLabelValue(output, help);

    /// <summary>
    /// A sample or exemplar value: the shortest round-trip digits as 0.0.4 writes them, marked as a float as
    /// OpenMetrics asks (<c>7.0</c>, <c>1795467818.911</c>, <c>1e+21</c>), so large values stay readable.
    /// </summary>
    public static string Value(double value)
    {
        var text = PrometheusText.Number(value);
        if (!double.IsFinite(value))
        {
            return text;
        }

        return text.Contains('E', StringComparison.Ordinal) ? text.Replace('E', 'e')
            : text.Contains('.', StringComparison.Ordinal) ? text
            : text + ".0";
    }

    /// <summary>
    /// The canonical rendering the specification asks for in <c>le</c> values: Go's shortest <c>%g</c> with
    /// <c>.0</c> appended when there is neither a point nor an exponent, so 1 → <c>1.0</c>, 0.0005 → <c>0.0005</c>,
    /// 1e-05 → <c>1e-05</c>, 100000 → <c>100000.0</c>, 1e6 → <c>1e+06</c>.
    /// </summary>
    public static string Canonical(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }

        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (value == 0)
        {
            return "0.0";
        }

        // The shortest round-trip digits, and the power of ten of the first.
        var (digits, exponent) = Decompose(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        var output = new StringBuilder(24);
        if (value < 0)
        {
            output.Append('-');
        }

        // Go's %g switches to an exponent below 1e-4 and, for the shortest digits, from 1e+06.
        if (exponent < -4 || exponent >= 6)
        {
            AppendScientific(output, digits, exponent);
        }
        else if (exponent < 0)
        {
            output.Append("0.").Append('0', -exponent - 1).Append(digits);
        }
        else if (digits.Length <= exponent + 1)
        {
            output.Append(digits).Append('0', exponent + 1 - digits.Length).Append(".0");
        }
        else
        {
            output.Append(digits, 0, exponent + 1).Append('.').Append(digits, exponent + 1, digits.Length - exponent - 1);
        }

        return output.ToString();
    }

    /// <summary>A Unix time in milliseconds as seconds with three decimals, e.g. <c>1700000000.123</c> (never an exponent).</summary>
    public static string Timestamp(long unixTimeMilliseconds)
    {
        var (seconds, milliseconds) = Math.DivRem(unixTimeMilliseconds, 1000);
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{milliseconds:D3}");
    }

    /// <summary>Appends <c> # {trace_id="…",span_id="…"} value timestamp</c> to a sample line.</summary>
    public static void AppendExemplar(StringBuilder output, Exemplar exemplar) =>
        output.Append(" # {trace_id=\"").Append(exemplar.TraceId.ToHexString())
            .Append("\",span_id=\"").Append(exemplar.SpanId.ToHexString())
            .Append("\"} ").Append(Value(exemplar.Value))
            .Append(' ').Append(Timestamp(exemplar.UnixTimeMilliseconds));

    private static void AppendScientific(StringBuilder output, string digits, int exponent)
    {
        output.Append(digits[0]);
        if (digits.Length > 1)
        {
            output.Append('.').Append(digits, 1, digits.Length - 1);
        }

        output.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
    }

    // "1.25E-05" → ("125", -5); "123.5" → ("1235", 2); "0.0005" → ("5", -4).
    private static (string Digits, int Exponent) Decompose(string roundTrip)
    {
        var e = roundTrip.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? roundTrip : roundTrip[..e];
        var exponent = e < 0 ? 0 : int.Parse(roundTrip[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var integerDigits = point < 0 ? mantissa.Length : point;
        var all = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        return (digits, exponent + integerDigits - leadingZeros - 1);
    }
}
