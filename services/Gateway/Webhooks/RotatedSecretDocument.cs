namespace Gateway.Webhooks;

// The new secret, shown once; the previous one keeps signing next to it until PreviousSecretExpiresAt.
public sealed record RotatedSecretDocument(Guid Id, string Secret, DateTime PreviousSecretExpiresAt);
