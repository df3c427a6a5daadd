using Decisioning.Benchmarks;
using Decisioning.Benchmarks.History;

// The floor of the decision benchmark (see bench.sh): echo model servers and a bare endpoint.
return args switch
{
    ["echo", var port] => await FloorServers.RunEchoAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["floor", var port] => await FloorServers.RunFloorAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["seed", var tenants, var perTenant] => await HistoryLoad.RunAsync(int.Parse(tenants, System.Globalization.CultureInfo.InvariantCulture), int.Parse(perTenant, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Decisioning.Benchmarks echo <port> | floor <port> | seed <tenants> <decisions per tenant>   (floor and seed read ConnectionStrings__Decisioning, Floor__ScoringAddress, Floor__PricingAddress)");
    return 2;
}
