namespace Decisioning.Data;

/// <summary>
/// One audit log row's content: who (key and role) did what (action) to what (target: an id or a query
/// summary, never applicant data), when and from where. <paramref name="OccurredAt"/> is UTC with
/// microsecond precision, as PostgreSQL keeps it.
/// </summary>
public sealed record AuditEntry(
    string TenantId,
    long Seq,
    DateTime OccurredAt,
    Guid ActorKeyId,
    string ActorRole,
    string Action,
    string Target,
    string? RemoteAddress);
