using Decisioning.Benchmarks;
using Decisioning.Benchmarks.Faults;
using Decisioning.Benchmarks.Fuzzing;
using Decisioning.Benchmarks.History;
using Decisioning.Benchmarks.HotPaths;
using Decisioning.Benchmarks.OpenModel;

// The floor of the decision benchmark (see bench.sh): echo model servers and a bare endpoint;
// an open-model (fixed arrival rate) driver of POST /v1/decisions; the fault matrix's load and checks (faults.sh);
// the fuzzer's bad requests to a running Gateway (fuzz.sh); and the BenchmarkDotNet suite of the model and pricing
// hot paths.
return args switch
{
    ["echo", var port] => await FloorServers.RunEchoAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["floor", var port] => await FloorServers.RunFloorAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["seed", var tenants, var perTenant] => await HistoryLoad.RunAsync(int.Parse(tenants, System.Globalization.CultureInfo.InvariantCulture), int.Parse(perTenant, System.Globalization.CultureInfo.InvariantCulture)),
    ["open", var baseUrl, var apiKey, var bodies, var rates, var seconds, var warmUp, var csv] => await OpenModelDriver.RunAsync(baseUrl, apiKey, bodies, rates, int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), int.Parse(warmUp, System.Globalization.CultureInfo.InvariantCulture), csv),
    ["faults", var baseUrl, var bodies, var rate, var workDir] => await FaultMatrixDriver.RunAsync(baseUrl, bodies, int.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), workDir),
    ["bdn", .. var rest] => HotPathSuite.Run(rest),
    ["fuzz", var gatewayUrl, var count, var seed, var decider, var analyst, var reviewer, var admin] => await FuzzCommand.RunAsync(gatewayUrl, count, seed, decider, analyst, reviewer, admin, null),
    ["fuzz", var gatewayUrl, var count, var seed, var decider, var analyst, var reviewer, var admin, var concurrency] => await FuzzCommand.RunAsync(gatewayUrl, count, seed, decider, analyst, reviewer, admin, concurrency),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Decisioning.Benchmarks echo <port> | floor <port> | seed <tenants> <decisions per tenant> | open <baseUrl> <apiKey> <bodies.json> <rates, e.g. 100,200,400> <seconds per rate> <warm-up seconds> <out.csv> | faults <baseUrl> <bodies.json> <rate> <work dir> | fuzz <gatewayUrl> <count> <seed> <decider key> <analyst key> <reviewer key> <admin key> [concurrency] | bdn [BenchmarkDotNet arguments, e.g. --filter *Gbm*]   (faults reads FAULTS_DATABASE and FAULTS_AMQP; floor and seed read ConnectionStrings__Decisioning, Floor__ScoringAddress, Floor__PricingAddress)");
    return 2;
}
