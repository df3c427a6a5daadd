using Decisioning.Benchmarks;
using Decisioning.Benchmarks.Fuzzing;
using Decisioning.Benchmarks.History;
using Decisioning.Benchmarks.HotPaths;
using Decisioning.Benchmarks.OpenModel;

// The floor of the decision benchmark (see bench.sh): echo model servers and a bare endpoint;
// an open-model (fixed arrival rate) driver of POST /v1/decisions; and the BenchmarkDotNet suite of the model and
// pricing hot paths; and the fuzzer's bad requests to a running Gateway.
return args switch
{
    ["echo", var port] => await FloorServers.RunEchoAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["floor", var port] => await FloorServers.RunFloorAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["seed", var tenants, var perTenant] => await HistoryLoad.RunAsync(int.Parse(tenants, System.Globalization.CultureInfo.InvariantCulture), int.Parse(perTenant, System.Globalization.CultureInfo.InvariantCulture)),
    ["open", var baseUrl, var apiKey, var bodies, var rates, var seconds, var warmUp, var csv] => await OpenModelDriver.RunAsync(baseUrl, apiKey, bodies, rates, int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), int.Parse(warmUp, System.Globalization.CultureInfo.InvariantCulture), csv),
    ["bdn", .. var rest] => HotPathSuite.Run(rest),
    ["fuzz", var gatewayUrl, var count, var seed, var decider, var analyst, var reviewer, var admin] => await FuzzCommand.RunAsync(gatewayUrl, count, seed, decider, analyst, reviewer, admin, null),
    ["fuzz", var gatewayUrl, var count, var seed, var decider, var analyst, var reviewer, var admin, var concurrency] => await FuzzCommand.RunAsync(gatewayUrl, count, seed, decider, analyst, reviewer, admin, concurrency),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Decisioning.Benchmarks echo <port> | floor <port> | seed <tenants> <decisions per tenant> | open <baseUrl> <apiKey> <bodies.json> <rates, e.g. 100,200,400> <seconds per rate> <warm-up seconds> <out.csv> | bdn [BenchmarkDotNet arguments, e.g. --filter *Gbm*] | fuzz <gatewayUrl> <count> <seed> <decider key> <analyst key> <reviewer key> <admin key> [concurrency]   (floor and seed read ConnectionStrings__Decisioning, Floor__ScoringAddress, Floor__PricingAddress)");
    return 2;
}
