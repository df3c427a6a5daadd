namespace Gateway.Admin;

// The only response that ever carries the key itself.
public sealed record CreatedKeyResponse(Guid KeyId, string ApiKey, string Role, string Prefix, DateTime CreatedAt);
