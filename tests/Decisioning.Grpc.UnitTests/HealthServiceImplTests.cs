using Decisioning.Grpc.Health.V1;
using ServingStatus = Decisioning.Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Decisioning.Grpc.UnitTests;

public sealed class HealthServiceImplTests
{
    private readonly HealthServiceImpl _health = new();
    private readonly TestServerCallContext _context = new(HealthMethods.Check.FullName);

    [Fact]
    public async Task Whole_server_is_serving_from_the_start()
    {
        var response = await _health.Check(new HealthCheckRequest(), _context);

        Assert.Equal(ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reports_the_status_last_set_for_a_service()
    {
        _health.SetStatus("decisioning.scoring.v1.CreditScoring", ServingStatus.Serving);
        _health.SetStatus("decisioning.scoring.v1.CreditScoring", ServingStatus.NotServing);

        var response = await _health.Check(new HealthCheckRequest { Service = "decisioning.scoring.v1.CreditScoring" }, _context);

        Assert.Equal(ServingStatus.NotServing, response.Status);
    }

    [Fact]
    public async Task Unknown_or_cleared_service_is_NotFound()
    {
        _health.SetStatus("decisioning.pricing.v1.Pricing", ServingStatus.Serving);
        _health.ClearStatus("decisioning.pricing.v1.Pricing");

        var unknown = await Assert.ThrowsAsync<RpcException>(() => _health.Check(new HealthCheckRequest { Service = "no.such.Service" }, _context));
        var cleared = await Assert.ThrowsAsync<RpcException>(() => _health.Check(new HealthCheckRequest { Service = "decisioning.pricing.v1.Pricing" }, _context));

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(StatusCode.NotFound, cleared.StatusCode);
    }

    [Fact]
    public void Check_method_is_the_standard_health_path()
    {
        Assert.Equal("/grpc.health.v1.Health/Check", HealthMethods.Check.FullName);
        Assert.Equal("grpc.health.v1.Health", HealthMethods.Check.ServiceName);
        Assert.Equal("Check", HealthMethods.Check.Name);
    }
}
