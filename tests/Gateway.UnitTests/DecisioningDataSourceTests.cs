using Decisioning.Data;
using Npgsql;

namespace Gateway.UnitTests;

// How the Gateway and the Worker connect: what an operator sees when the setting is missing, and the role they run as.
public class DecisioningDataSourceTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void A_missing_connection_string_names_the_setting_and_its_environment_variable(string? connectionString)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DecisioningDataSource.Create(connectionString));

        Assert.Contains("ConnectionStrings:Decisioning", error.Message);
        Assert.Contains("ConnectionStrings__Decisioning", error.Message);
    }

    [Fact]
    public void Connections_run_as_the_tenant_role_unless_the_connection_string_chooses_one()
    {
        using var confined = DecisioningDataSource.Create("Host=127.0.0.1;Database=decisioning", TenantScope.AppRole);
        using var chosen = DecisioningDataSource.Create("Host=127.0.0.1;Database=decisioning;Options=-c role=auditor", TenantScope.AppRole);
        using var own = DecisioningDataSource.Create("Host=127.0.0.1;Database=decisioning");

        Assert.Equal("-c role=decisioning_app", Settings(confined).Options);
        Assert.Equal("-c role=auditor", Settings(chosen).Options);
        Assert.Null(Settings(own).Options);
        Assert.Equal(16, Settings(own).MaxAutoPrepare);
    }

    private static NpgsqlConnectionStringBuilder Settings(NpgsqlDataSource dataSource) => new(dataSource.ConnectionString);
}
