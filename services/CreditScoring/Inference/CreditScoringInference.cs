using System.Reflection;
using CreditScoring.Registry;
using CreditScoring.Scoring;
using Microsoft.Extensions.Options;
using Decisioning.Contracts.Inference;

namespace CreditScoring.Inference;

// The Open Inference Protocol face of CreditScoring: the scorecard plus any IInferenceModel registered
// in the container (a challenger adds itself there and is then addressable by its name).
public static class CreditScoringInference
{
    public const string ServerName = "decisioning-credit-scoring";

    public static IHostApplicationBuilder AddCreditScoringInference(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
        {
            // The scorecard serving when the service started, with the manifest it was loaded from.
            var options = services.GetRequiredService<IOptions<ModelRegistryOptions>>().Value;
            var scorecard = services.GetRequiredService<ModelRegistry>().Current.ByName.Values.First(m => m.Model is Scorecard);
            var root = Path.IsPathRooted(options.ModelsRoot) ? options.ModelsRoot : Path.Combine(AppContext.BaseDirectory, options.ModelsRoot);
            var manifest = ScorecardManifest.Parse(File.ReadAllText(Path.Combine(root, scorecard.Name, scorecard.Version, Scorecard.ManifestFileName)));
            IInferenceModel[] models =
            [
                new ScorecardInferenceModel((Scorecard)scorecard.Model, manifest),
                .. services.GetServices<IInferenceModel>(),
            ];
            return new InferenceServer(ServerName, ServerVersion(), models);
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapCreditScoringInference(this IEndpointRouteBuilder app)
    {
        // Built now, so a manifest that cannot be read stops the service at start rather than failing a call.
        app.ServiceProvider.GetRequiredService<InferenceServer>();
        app.MapGrpcService<InferenceServer>();
        return app;
    }

    private static string ServerVersion() =>
        typeof(CreditScoringInference).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "1.0.0";
}
