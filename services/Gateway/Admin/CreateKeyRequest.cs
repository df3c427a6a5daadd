namespace Gateway.Admin;

public sealed record CreateKeyRequest(string? Role);
