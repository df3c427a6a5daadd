using Npgsql;

namespace Decisioning.Data;

/// <summary>The one way the services open the platform's database.</summary>
public static class DecisioningDataSource
{
    /// <summary>The connection string's name: <c>ConnectionStrings:Decisioning</c> (environment <c>ConnectionStrings__Decisioning</c>).</summary>
    public const string ConnectionStringName = "Decisioning";

    /// <summary>
    /// A data source for <paramref name="connectionString"/> whose connections prepare their statements once
    /// (unless the connection string sets <c>Max Auto Prepare</c>) and, when <paramref name="role"/> is not empty,
    /// run as that role (see <see cref="TenantScope.RunAs"/>). Throws when the connection string is not set.
    /// </summary>
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

        if (role.Length > 0)
        {
            TenantScope.RunAs(builder.ConnectionStringBuilder, role);
        }

        return builder.Build();
    }
}
