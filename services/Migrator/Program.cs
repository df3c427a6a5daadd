using Decisioning.Data;
using Migrator;
using Npgsql;

// Applies the schema migrations as a step of its own (run.sh, compose's one-shot service, a Kubernetes Job),
// and with --seed-demo creates the local demo tenant and its keys.
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Decisioning");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("Set ConnectionStrings__Decisioning to the PostgreSQL connection string.");
    return 2;
}

var seedDemo = args.Contains("--seed-demo");
await using var dataSource = NpgsqlDataSource.Create(connectionString);
try
{
    var applied = await MigrationRunner.RunAsync(dataSource);
    Console.WriteLine(applied.Count == 0
        ? "Schema is up to date."
        : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}.");

    if (seedDemo)
    {
        await new ApiKeyStore(dataSource).EnsureTenantWithKeysAsync("demo", "Demo lender", DemoTenant.KeysByRole, CancellationToken.None);
        Console.WriteLine("Demo tenant 'demo' is ready.");
    }

    return 0;
}
catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
{
    Console.Error.WriteLine($"Migration failed: {ex.Message}");
    return 1;
}
