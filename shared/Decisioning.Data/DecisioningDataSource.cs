using Npgsql;

namespace Decisioning.Data;

/// <summary>The one way the services open the platform's database.</summary>
public static class DecisioningDataSource
{
    /// <summary>The connection string's name: <c>ConnectionStrings:Decisioning</c> (environment <c>ConnectionStrings__Decisioning</c>).</summary>
    public const string ConnectionStringName = "Decisioning";

    /// <summary>
    /// A data source for <paramref name="connectionString"/> whose connections prepare their statements once
    /// (unless the connection string sets <c>Max Auto Prepare</c>), are not reset when they go back to the pool, and,
    /// when <paramref name="role"/> is not empty, run as that role (see <see cref="TenantScope.RunAs"/>). Throws when
    /// the connection string is not set.
    /// </summary>
    /// <remarks>
    /// The services keep no session state on a connection: the tenant is set for one transaction
    /// (<see cref="TenantScope.Prefix"/>), with no session advisory locks, temporary tables or LISTEN. A reset would
    /// cost seven statements (RESET ALL, DISCARD TEMP, ...) ahead of every command, more than a decision's own two.
    /// An open transaction is still rolled back when a connection is returned.
    /// </remarks>
    public static NpgsqlDataSource Create(string? connectionString, string role = "")
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not set (environment: ConnectionStrings__{ConnectionStringName}).");
        }

        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 16;
        }

        builder.ConnectionStringBuilder.NoResetOnClose = true;

        if (role.Length > 0)
        {
            TenantScope.RunAs(builder.ConnectionStringBuilder, role);
        }

        return builder.Build();
    }
}
