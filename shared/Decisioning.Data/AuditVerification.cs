namespace Decisioning.Data;

/// <summary>The result of walking every tenant's audit chain: intact, or the first problem found.</summary>
public sealed record AuditVerification(int Tenants, long Rows, string? Problem)
{
    public bool Intact => Problem is null;
}
