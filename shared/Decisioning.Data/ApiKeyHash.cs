using System.Security.Cryptography;
using System.Text;

namespace Decisioning.Data;

/// <summary>
/// How API keys are stored at rest: only their SHA-256. Keys are long random strings, so a fast
/// hash is enough; a database leak does not reveal a usable key.
/// </summary>
public static class ApiKeyHash
{
    /// <summary>The SHA-256 of the key's UTF-8 bytes.</summary>
    public static byte[] Compute(string apiKey) => SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

    /// <summary>The first characters of a key, kept in clear so an admin can tell keys apart.</summary>
    public static string Prefix(string apiKey) => apiKey.Length <= 8 ? apiKey : apiKey[..8];
}
