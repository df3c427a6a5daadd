using Microsoft.AspNetCore.Http;

namespace Decisioning.ServiceDefaults.Metrics;

// Label values from a fixed set, made once: recording a request allocates no strings.
internal static class HttpStatusLabels
{
    private static readonly string[] s_codes = Enumerable.Range(0, 600).Select(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    private static readonly string[] s_classes = ["0xx", "1xx", "2xx", "3xx", "4xx", "5xx"];

    public static string Code(int statusCode) => statusCode is >= 0 and < 600 ? s_codes[statusCode] : "other";

    public static string Class(int statusCode) => statusCode is >= 0 and < 600 ? s_classes[statusCode / 100] : "other";

    // Methods outside the standard set would let a client create series at will.
    public static string Method(string method) => HttpMethods.GetCanonicalizedValue(method) switch
    {
        var known when HttpMethods.IsGet(known) || HttpMethods.IsPost(known) || HttpMethods.IsPut(known) || HttpMethods.IsDelete(known)
            || HttpMethods.IsPatch(known) || HttpMethods.IsHead(known) || HttpMethods.IsOptions(known) => known,
        _ => "_OTHER",
    };
}
