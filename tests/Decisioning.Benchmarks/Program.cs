using Decisioning.Benchmarks;
using Decisioning.Benchmarks.History;
using Decisioning.Benchmarks.HotPaths;

// The floor of the decision benchmark (see bench.sh): echo model servers and a bare endpoint;
// and the BenchmarkDotNet suite of the model and pricing hot paths.
return args switch
{
    ["echo", var port] => await FloorServers.RunEchoAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["floor", var port] => await FloorServers.RunFloorAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["seed", var tenants, var perTenant] => await HistoryLoad.RunAsync(int.Parse(tenants, System.Globalization.CultureInfo.InvariantCulture), int.Parse(perTenant, System.Globalization.CultureInfo.InvariantCulture)),
    ["bdn", .. var rest] => HotPathSuite.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Decisioning.Benchmarks echo <port> | floor <port> | seed <tenants> <decisions per tenant> | bdn [BenchmarkDotNet arguments, e.g. --filter *Gbm*]   (floor and seed read ConnectionStrings__Decisioning, Floor__ScoringAddress, Floor__PricingAddress)");
    return 2;
}
