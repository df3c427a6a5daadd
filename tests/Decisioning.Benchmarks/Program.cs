using Decisioning.Benchmarks;

// The floor of the decision benchmark (see bench.sh): echo model servers and a bare endpoint.
return args switch
{
    ["echo", var port] => await FloorServers.RunEchoAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["floor", var port] => await FloorServers.RunFloorAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Decisioning.Benchmarks echo <port> | floor <port>   (floor reads ConnectionStrings__Decisioning, Floor__ScoringAddress, Floor__PricingAddress)");
    return 2;
}
