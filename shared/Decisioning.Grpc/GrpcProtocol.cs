using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Decisioning.Grpc;

internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string TimeoutHeader = "grpc-timeout";
    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string IdentityEncoding = "identity";
    public const string TEHeader = "te";
    public const string TEValue = "trailers";
    public const string UserAgentHeader = "user-agent";
    public const string UserAgent = "grpc-dotnet-decisioning/1.0";

    private static readonly string[] s_statusStrings = CreateStatusStrings();

    public static string FormatStatus(StatusCode code)
    {
        var value = (int)code;
        return (uint)value < (uint)s_statusStrings.Length ? s_statusStrings[value] : value.ToString(CultureInfo.InvariantCulture);
    }

    public static bool TryParseStatus(string? value, out StatusCode code)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            code = (StatusCode)parsed;
            return true;
        }

        code = StatusCode.Unknown;
        return false;
    }

    // The server speaks protobuf only, so +json and custom subtypes are refused.
    public static bool IsSupportedRequestContentType(string? contentType)
    {
        if (!StartsWithGrpc(contentType))
        {
            return false;
        }

        var rest = contentType.AsSpan(ContentType.Length);
        var semicolon = rest.IndexOf(';');
        if (semicolon >= 0)
        {
            rest = rest[..semicolon];
        }

        rest = rest.TrimEnd();
        return rest.IsEmpty || rest.Equals("+proto", StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsGrpcContentType(string? contentType) => StartsWithGrpc(contentType);

    private static bool StartsWithGrpc([NotNullWhen(true)] string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';' or ' ';
    }

    // Headers that belong to HTTP/2 or to the gRPC protocol itself, never to application metadata.
    public static bool IsReservedHeader(string key)
    {
        if (key.Length == 0 || key[0] == ':')
        {
            return true;
        }

        if (key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return key.Equals("te", StringComparison.OrdinalIgnoreCase)
            || key.Equals("content-type", StringComparison.OrdinalIgnoreCase)
            || key.Equals("content-length", StringComparison.OrdinalIgnoreCase)
            || key.Equals("host", StringComparison.OrdinalIgnoreCase)
            || key.Equals("connection", StringComparison.OrdinalIgnoreCase)
            || key.Equals("keep-alive", StringComparison.OrdinalIgnoreCase)
            || key.Equals("proxy-connection", StringComparison.OrdinalIgnoreCase)
            || key.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase)
            || key.Equals("upgrade", StringComparison.OrdinalIgnoreCase);
    }

    public static string EncodeBinaryValue(byte[] value)
    {
        // The spec asks senders to emit un-padded base64.
        var encoded = Convert.ToBase64String(value);
        var end = encoded.Length;
        while (end > 0 && encoded[end - 1] == '=')
        {
            end--;
        }

        return end == encoded.Length ? encoded : encoded[..end];
    }

    public static byte[] DecodeBinaryValue(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        var padding = (4 - (value.Length % 4)) % 4;
        if (padding == 0)
        {
            return Convert.FromBase64String(value.ToString());
        }

        return Convert.FromBase64String(string.Concat(value, "==".AsSpan(0, Math.Min(padding, 2))));
    }

    public static void AddReceivedValues(Metadata metadata, string key, StringValues values)
    {
        foreach (var value in values)
        {
            AddReceivedValue(metadata, key, value);
        }
    }

    public static void AddReceivedValue(Metadata metadata, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (!Metadata.IsBinaryKey(key))
        {
            metadata.AddReceived(key, value);
            return;
        }

        // Binary values may arrive joined with ',' (duplicate keys); each part is base64 on its own.
        var remaining = value.AsSpan();
        while (true)
        {
            var comma = remaining.IndexOf(',');
            var part = comma < 0 ? remaining : remaining[..comma];
            if (TryDecodeBinary(part, out var bytes))
            {
                metadata.AddReceived(key, bytes);
            }

            if (comma < 0)
            {
                break;
            }

            remaining = remaining[(comma + 1)..];
        }
    }

    private static bool TryDecodeBinary(ReadOnlySpan<char> part, out byte[] bytes)
    {
        try
        {
            bytes = DecodeBinaryValue(part);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    public static void WriteMetadata(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            if (IsReservedHeader(entry.Key))
            {
                continue;
            }

            headers.Append(entry.Key, entry.IsBinary ? EncodeBinaryValue(entry.ValueBytes) : entry.Value);
        }
    }

    private static string[] CreateStatusStrings()
    {
        var strings = new string[17];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = i.ToString(CultureInfo.InvariantCulture);
        }

        return strings;
    }
}
