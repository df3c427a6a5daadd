using Npgsql;

namespace Decisioning.Data;

/// <summary>
/// The database side of tenant isolation: services connect as <see cref="AppRole"/>, which PostgreSQL's
/// row-level security lets see only the rows of the tenant the current transaction names.
/// </summary>
public static class TenantScope
{
    /// <summary>The role the services' connections run as (created by migration 0004).</summary>
    public const string AppRole = "decisioning_app";

    /// <summary>
    /// Put before a statement that reads or writes tenant data: names the tenant (parameter <c>@TenantId</c>)
    /// for the statement's transaction. A multi-statement command runs in one implicit transaction and one
    /// round trip, so this costs no extra round trip; it returns no result set.
    /// </summary>
    public const string Prefix = "CALL set_decisioning_tenant(@TenantId);\n";

    /// <summary><paramref name="sql"/> run for the tenant in <c>@TenantId</c>.</summary>
    public static string For(string sql) => Prefix + sql;

    /// <summary>
    /// Makes connections made from <paramref name="connectionString"/> run as <paramref name="role"/>, unless
    /// the connection string already chooses a role. The login must be a member of the role (a superuser is).
    /// </summary>
    public static void RunAs(NpgsqlConnectionStringBuilder connectionString, string role)
    {
        var options = connectionString.Options ?? "";
        if (options.Contains("role=", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        connectionString.Options = (options + " -c role=" + role).Trim();
    }
}
