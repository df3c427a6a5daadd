using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Deployment;

public class DeploymentFilesTests
{
    [Fact]
    public async Task Compose_file_is_valid()
    {
        var output = await ProcessRunner.RunAsync("docker-compose", ["-f", Path.Combine(RepositoryPaths.Root, "docker-compose.yml"), "config", "-q"], TimeSpan.FromSeconds(60));

        Assert.Equal("", output.Trim());
    }

    [Fact]
    public void Every_service_the_compose_file_builds_has_a_project()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docker-compose.yml"));

        foreach (var service in new[] { "Migrator", "CreditScoring", "Pricing", "Worker", "Gateway" })
        {
            Assert.Contains($"SERVICE: {service}", compose);
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "services", service, service + ".csproj")), service);
        }
    }
}
