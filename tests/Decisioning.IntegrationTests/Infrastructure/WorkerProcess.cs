namespace Decisioning.IntegrationTests.Infrastructure;

/// <summary>A Worker alone on a database (no platform around it), its admin endpoint on a free loopback port.</summary>
public static class WorkerProcess
{
    /// <summary>Starts a Worker on <paramref name="connectionString"/>; <paramref name="settings"/> override its appsettings.</summary>
    public static async Task<(ServiceProcess Worker, Uri Admin)> StartAsync(string connectionString, IReadOnlyDictionary<string, string> settings)
    {
        var admin = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var all = new Dictionary<string, string>(settings)
        {
            ["Kestrel:Endpoints:Admin:Url"] = admin.ToString(),
            ["ConnectionStrings:Decisioning"] = connectionString,
        };
        return (await ServiceProcess.StartAsync("Worker", all, new Uri(admin, "/alive").ToString()), admin);
    }
}
