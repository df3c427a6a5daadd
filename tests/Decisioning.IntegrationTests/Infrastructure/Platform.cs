using System.Net.Http.Headers;
using Dapper;
using Decisioning.Data;
using Npgsql;

namespace Decisioning.IntegrationTests.Infrastructure;

/// <summary>
/// The whole platform for real: a private PostgreSQL with the schema, CreditScoring, Pricing and the
/// Gateway as processes on free loopback ports.
/// </summary>
public sealed class Platform : IAsyncLifetime
{
    private readonly int _scoringGrpcPort = FreePort.Next();
    private readonly int _pricingGrpcPort = FreePort.Next();
    private readonly int _scoringAdminPort = FreePort.Next();
    private readonly int _pricingAdminPort = FreePort.Next();
    private readonly int _gatewayPort = FreePort.Next();
    private readonly int _workerAdminPort = FreePort.Next();
    private string _connectionString = "";

    public PostgresServer Database { get; private set; } = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>The platform database's connection string, for a second process of a service.</summary>
    public string ConnectionString => _connectionString;

    public ServiceProcess? CreditScoring { get; private set; }

    public ServiceProcess? Pricing { get; private set; }

    public ServiceProcess Gateway { get; private set; } = null!;

    /// <summary>The Worker, when a test started it with <see cref="StartWorkerAsync"/>.</summary>
    public ServiceProcess? Worker { get; private set; }

    /// <summary>The Worker's admin endpoint (<c>/metrics</c>, <c>/health</c>, <c>/alive</c>).</summary>
    public Uri WorkerAdminAddress => new($"http://127.0.0.1:{_workerAdminPort}");

    public Uri GatewayAddress => new($"http://127.0.0.1:{_gatewayPort}");

    /// <summary>CreditScoring's admin endpoint (<c>/metrics</c>, <c>/health</c>, <c>/alive</c>); it stays the same across restarts.</summary>
    public Uri CreditScoringAdminAddress => new($"http://127.0.0.1:{_scoringAdminPort}");

    /// <summary>CreditScoring's gRPC endpoint; it stays the same across restarts.</summary>
    public Uri CreditScoringGrpcAddress => new($"http://127.0.0.1:{_scoringGrpcPort}");

    /// <summary>Pricing's gRPC endpoint; it stays the same across restarts.</summary>
    public Uri PricingGrpcAddress => new($"http://127.0.0.1:{_pricingGrpcPort}");

    /// <summary>Pricing's admin endpoint (<c>/metrics</c>, <c>/health</c>, <c>/alive</c>); it stays the same across restarts.</summary>
    public Uri PricingAdminAddress => new($"http://127.0.0.1:{_pricingAdminPort}");

    // Generous for a shared 2-core machine; a test that wants "late" stops the service instead.
    public int ModelBudgetMilliseconds { get; init; } = 5000;

    /// <summary>More Gateway configuration for a test class that needs it (e.g. a short review lease).</summary>
    public IReadOnlyDictionary<string, string> GatewaySettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Environment variables for every service process (e.g. the OTEL_* settings of a telemetry test).</summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment { get; init; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Database = await PostgresServer.StartAsync();
        var connectionString = _connectionString = await Database.CreateDatabaseAsync("decisioning");
        DataSource = NpgsqlDataSource.Create(connectionString);
        await Migrator.ApplyAsync(connectionString);

        await Task.WhenAll(StartCreditScoringAsync(), StartPricingAsync());
        Gateway = await ServiceProcess.StartAsync("Gateway", GatewayProcessSettings(GatewayAddress), new Uri(GatewayAddress, "/alive").ToString(), ServiceEnvironment);
        await WaitUntilHealthyAsync();
    }

    /// <summary>Starts another Gateway on this platform (its database, model services and settings) at <paramref name="address"/>; the caller disposes it.</summary>
    public Task<ServiceProcess> StartGatewayAsync(Uri address) =>
        ServiceProcess.StartAsync("Gateway", GatewayProcessSettings(address), new Uri(address, "/alive").ToString(), ServiceEnvironment);

    private Dictionary<string, string> GatewayProcessSettings(Uri address)
    {
        var settings = new Dictionary<string, string>
        {
            ["Kestrel:Endpoints:Http:Url"] = address.ToString(),
            ["ConnectionStrings:Decisioning"] = _connectionString,
            ["Models:CreditScoringAddress"] = $"http://127.0.0.1:{_scoringGrpcPort}",
            ["Models:PricingAddress"] = $"http://127.0.0.1:{_pricingGrpcPort}",
            ["Models:BudgetMilliseconds"] = ModelBudgetMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The tests' webhook receivers listen on loopback, as ./run.sh allows.
            ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
        };
        foreach (var (key, value) in GatewaySettings)
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task StartCreditScoringAsync()
    {
        CreditScoring = await StartModelServiceAsync("CreditScoring", _scoringGrpcPort, _scoringAdminPort);
        await WaitUntilHealthyAsync();
    }

    public async Task StartPricingAsync()
    {
        Pricing = await StartModelServiceAsync("Pricing", _pricingGrpcPort, _pricingAdminPort);
        await WaitUntilHealthyAsync();
    }

    /// <summary>Starts the Worker (partition maintenance, outbox backlog) against the platform's database; settings override its appsettings.</summary>
    public async Task StartWorkerAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        Worker = await ServiceProcess.StartAsync("Worker", WorkerSettings(WorkerAdminAddress, settings), new Uri(WorkerAdminAddress, "/alive").ToString(), ServiceEnvironment);
    }

    /// <summary>A Worker's settings on this platform (its database and model services), its admin endpoint at <paramref name="adminAddress"/>.</summary>
    public Dictionary<string, string> WorkerSettings(Uri adminAddress, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>
        {
            ["Kestrel:Endpoints:Admin:Url"] = adminAddress.ToString(),
            ["ConnectionStrings:Decisioning"] = _connectionString,
            ["Models:CreditScoringAddress"] = CreditScoringGrpcAddress.ToString(),
            ["Models:PricingAddress"] = $"http://127.0.0.1:{_pricingGrpcPort}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return all;
    }

    public async Task StopCreditScoringAsync()
    {
        await CreditScoring!.DisposeAsync();
        CreditScoring = null;
    }

    public async Task StopPricingAsync()
    {
        await Pricing!.DisposeAsync();
        Pricing = null;
    }

    /// <summary>A new tenant with one key per role; returns the keys by role.</summary>
    public async Task<TestTenant> CreateTenantAsync()
    {
        var tenantId = "t-" + Guid.NewGuid().ToString("N")[..12];
        var keys = new Dictionary<string, string>();
        foreach (var role in new[] { "decider", "analyst", "reviewer", "admin" })
        {
            keys[role] = $"{tenantId}-{role}-{Guid.NewGuid():N}";
        }

        await new ApiKeyStore(DataSource).EnsureTenantWithKeysAsync(tenantId, "Test lender", keys, CancellationToken.None);
        return new TestTenant(tenantId, keys);
    }

    /// <summary>How many decisions the tenant has in the database.</summary>
    public async Task<long> DecisionCountAsync(string tenantId)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM decisions WHERE tenant_id = @tenantId", new { tenantId });
    }

    /// <summary>An HTTP client for the Gateway authenticated with <paramref name="apiKey"/> (none when null).</summary>
    public HttpClient Client(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = GatewayAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var service in new[] { Gateway, CreditScoring, Pricing, Worker })
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }

        if (DataSource is not null)
        {
            await DataSource.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }

    // Ready is what the Gateway's /health says, model services included: on a loaded machine the first gRPC calls
    // of cold processes can miss a decision's deadline, and those first calls should be the health checks'.
    private async Task WaitUntilHealthyAsync()
    {
        if (Gateway is null)
        {
            return;
        }

        using var client = Client(null);
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync("/health");
            var report = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && report.Contains("\"status\":\"Healthy\"", StringComparison.Ordinal))
            {
                return;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The Gateway was not healthy within 60 s: {report}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Starts a process of CreditScoring or Pricing (e.g. a second replica) on the given loopback ports.</summary>
    public Task<ServiceProcess> StartModelServiceAsync(string service, int grpcPort, int adminPort)
    {
        return ServiceProcess.StartAsync(
            service,
            new Dictionary<string, string>
            {
                ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{grpcPort}",
                ["Kestrel:Endpoints:Admin:Url"] = $"http://127.0.0.1:{adminPort}",
            },
            $"http://127.0.0.1:{adminPort}/alive",
            ServiceEnvironment);
    }
}
