namespace Decisioning.Policy;

/// <summary>A stable reason code and its plain-language description.</summary>
public sealed record Reason(string Code, string Description);
