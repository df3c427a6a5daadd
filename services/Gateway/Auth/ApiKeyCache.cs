using Decisioning.Data;
using Microsoft.Extensions.Caching.Memory;

namespace Gateway.Auth;

// Active keys by the upper-case hex of their SHA-256, kept briefly so the decision path does not pay a database round
// trip per request. A revocation anywhere removes the entry at once (ApiKeyRevocationListener); the lifetime only
// bounds how long a key could outlive a revocation whose notification was lost with the listening connection.
public sealed class ApiKeyCache : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    // Its own cache, so that clearing it after a reconnect leaves every other cached thing alone.
    private readonly MemoryCache _keys = new(new MemoryCacheOptions());

    public bool TryGet(string keyHashHex, out ApiKeyRecord? key) => _keys.TryGetValue(keyHashHex, out key);

    public void Set(string keyHashHex, ApiKeyRecord key) => _keys.Set(keyHashHex, key, Lifetime);

    public void Forget(string keyHashHex) => _keys.Remove(keyHashHex.ToUpperInvariant());

    public void Clear() => _keys.Clear();

    public void Dispose() => _keys.Dispose();
}
