using Gateway.LoadShedding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.UnitTests;

public class LoadSheddingOptionsTests
{
    [Fact]
    public void Unset_limits_default_to_256_decisions_and_64_history_requests()
    {
        using var host = Build([]);

        var options = host.Services.GetRequiredService<IOptions<LoadSheddingOptions>>().Value;

        Assert.Equal(256, options.MaxConcurrentDecisions);
        Assert.Equal(64, options.MaxConcurrentHistory);
    }

    [Theory]
    [InlineData("MaxConcurrentDecisions", "0")]
    [InlineData("MaxConcurrentHistory", "-1")]
    public async Task A_limit_below_one_stops_the_gateway_from_starting(string setting, string value)
    {
        using var host = Build(new() { [$"LoadShedding:{setting}"] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddLoadShedding();
        return builder.Build();
    }
}
