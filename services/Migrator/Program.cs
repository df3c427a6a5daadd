using Decisioning.Data;
using Migrator;
using Npgsql;

// Applies the schema migrations (FluentMigrator) as a step of its own (run.sh, compose's one-shot service, a Kubernetes
// Job), with --seed-demo creates the local demo tenant and its keys; --verify-audit only walks the audit log's
// hash chains and exits 1 naming the first edited or deleted row.
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Decisioning");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("Set ConnectionStrings__Decisioning to the PostgreSQL connection string.");
    return 2;
}

var seedDemo = args.Contains("--seed-demo");
await using var dataSource = NpgsqlDataSource.Create(connectionString);
if (args.Contains("--verify-audit"))
{
    return await VerifyAuditAsync(dataSource);
}

try
{
    var applied = await SchemaMigrations.RunAsync(connectionString);
    Console.WriteLine(applied.Count == 0
        ? "Schema is up to date."
        : $"Applied {applied.Count} migration(s):{string.Concat(applied.Select(name => "\n  " + name))}");

    if (seedDemo)
    {
        await new ApiKeyStore(dataSource).EnsureTenantWithKeysAsync("demo", "Demo lender", DemoTenant.KeysByRole, CancellationToken.None);
        Console.WriteLine("Demo tenant 'demo' is ready.");
    }

    return 0;
}
catch (Exception ex)
{
    // FluentMigrator wraps a failing statement's error in a message quoting the whole statement: the cause says it all.
    Console.Error.WriteLine($"Migration failed: {(ex is NpgsqlException or InvalidOperationException ? ex.Message : ex.GetBaseException().Message)}");
    return 1;
}

static async Task<int> VerifyAuditAsync(NpgsqlDataSource dataSource)
{
    try
    {
        var result = await AuditVerifier.VerifyAsync(dataSource);
        if (!result.Intact)
        {
            Console.Error.WriteLine($"Audit log tampered with: {result.Problem}");
            return 1;
        }

        Console.WriteLine($"Audit log intact: {result.Rows} row(s) in {result.Tenants} tenant chain(s), every hash and chain head verified.");
        return 0;
    }
    catch (NpgsqlException ex)
    {
        Console.Error.WriteLine($"Audit verification failed: {ex.Message}");
        return 2;
    }
}
