using System.Reflection;
using CreditScoring.Scoring;
using Decisioning.Contracts.Inference;

namespace CreditScoring.Inference;

// The Open Inference Protocol face of CreditScoring: the scorecard plus any IInferenceModel registered
// in the container (a challenger adds itself there and is then addressable by its name).
public static class CreditScoringInference
{
    public const string ServerName = "decisioning-credit-scoring";

    public static IEndpointRouteBuilder MapCreditScoringInference(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        var directory = services.GetRequiredService<IConfiguration>()["Scoring:ModelDirectory"]
            ?? throw new InvalidOperationException("Scoring:ModelDirectory is not set.");
        var path = Path.IsPathRooted(directory) ? directory : Path.Combine(AppContext.BaseDirectory, directory);
        var manifest = ScorecardManifest.Parse(File.ReadAllText(Path.Combine(path, Scorecard.ManifestFileName)));

        IInferenceModel[] models =
        [
            new ScorecardInferenceModel(services.GetRequiredService<Scorecard>(), manifest),
            .. services.GetServices<IInferenceModel>(),
        ];
        return app.MapInferenceService(new InferenceServer(ServerName, ServerVersion(), models));
    }

    private static string ServerVersion() =>
        typeof(CreditScoringInference).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "1.0.0";
}
