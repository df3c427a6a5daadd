using System.Text.RegularExpressions;
using Decisioning.Data;
using Decisioning.Policy;

namespace Gateway.Replay;

// The versions a replay runs with: each one asked for, else the one stored with the decision. A decision made without
// a model's answer replays without it.
public sealed partial record ReplayVersions(DecisionPolicy Policy, string? ModelVersion, string? PricingVersion)
{
    /// <summary>What is malformed in the request, by field (empty when nothing is).</summary>
    public static Dictionary<string, string[]> Errors(ReplayRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Model is { } model && !ModelName().IsMatch(model))
        {
            errors["model"] = ["Name a model version as 'name/version', for example 'german-gbm/1'."];
        }

        if (request.PolicyVersion is { } policy && !VersionName().IsMatch(policy))
        {
            errors["policyVersion"] = ["A policy version is 1 to 64 letters, digits, '.', '_' or '-', for example 'policy-1'."];
        }

        if (request.PricingVersion is { } pricing && !VersionName().IsMatch(pricing))
        {
            errors["pricingVersion"] = ["A pricing version is 1 to 64 letters, digits, '.', '_' or '-', for example 'pricing-2'."];
        }

        return errors;
    }

    /// <summary>The versions for a well-formed request; null when no policy of the version asked for (or stored) exists.</summary>
    public static ReplayVersions? Resolve(ReplayRequest request, StoredDecision stored)
    {
        if (!DecisionPolicy.Versions.TryGetValue(request.PolicyVersion ?? stored.PolicyVersion, out var policy))
        {
            return null;
        }

        var modelVersion = request.Model is { } model ? ModelVersionOf(model) : stored.ModelVersion;
        return new ReplayVersions(policy, modelVersion, request.PricingVersion ?? stored.PricingVersion);
    }

    /// <summary>A well-formed "name/version" as the version stamped on decisions: "german-gbm/1" is "german-gbm-1".</summary>
    public static string ModelVersionOf(string model)
    {
        var match = ModelName().Match(model);
        return $"{match.Groups["name"].Value}-{match.Groups["version"].Value}";
    }

    /// <summary>A stamped model version as "name/version": "german-gbm-1" is "german-gbm/1".</summary>
    public static string ModelOf(string modelVersion)
    {
        var dash = modelVersion.LastIndexOf('-');
        return dash < 0 ? modelVersion : $"{modelVersion[..dash]}/{modelVersion[(dash + 1)..]}";
    }

    [GeneratedRegex("^(?<name>[a-z0-9][a-z0-9-]{0,63})/(?<version>[0-9]{1,9})\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ModelName();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex VersionName();
}
