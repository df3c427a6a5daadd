namespace Decisioning.Data;

/// <summary>What an idempotency key already stands for: the hash of its request and the decision document.</summary>
public sealed record IdempotentReplay(byte[] RequestHash, string DocumentJson);
