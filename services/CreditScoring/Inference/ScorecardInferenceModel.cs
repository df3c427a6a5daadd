using System.Globalization;
using System.Text.Json;
using CreditScoring.Scoring;
using Decisioning.Contracts.Inference;
using Grpc.Core;

namespace CreditScoring.Inference;

// The scorecard as an Open Inference Protocol model: one input column per manifest feature (numeric FP64,
// categorical BYTES, shape [N,1] or [N]); outputs pd FP64 [N], score INT32 [N], grade BYTES [N] and
// reason_codes BYTES [N], each element a JSON array of the row's reason codes, most adverse first.
public sealed class ScorecardInferenceModel : IInferenceModel
{
    public const string Pd = "pd";
    public const string Score = "score";
    public const string Grade = "grade";
    public const string ReasonCodes = "reason_codes";

    // The ApplicantFeatures fields that are integers; the protocol sends them as numbers that must be whole.
    private static readonly HashSet<string> WholeNumberFeatures =
        ["termMonths", "age", "installmentRatePct", "residenceYears", "existingCredits", "dependents"];

    private readonly Scorecard _scorecard;
    private readonly IReadOnlyList<FeatureDomain> _domains;

    public ScorecardInferenceModel(Scorecard scorecard, ScorecardManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        ArgumentNullException.ThrowIfNull(manifest);
        if (scorecard.ModelVersion != $"{manifest.Name}-{manifest.Version}")
        {
            throw new InvalidDataException($"manifest.json names {manifest.Name} {manifest.Version}, but the scorecard is {scorecard.ModelVersion}.");
        }

        var served = manifest.Features.Select(f => f.Name).Order(StringComparer.Ordinal);
        if (!served.SequenceEqual(scorecard.FeatureNames.Order(StringComparer.Ordinal)))
        {
            throw new InvalidDataException("manifest.json's features are not the scorecard's features.");
        }

        _scorecard = scorecard;
        _domains = manifest.Features;
        Name = manifest.Name;
        Version = manifest.Version;
        Inputs = [.. _domains.Select(d => new InferenceTensorSpec(d.Name, d.IsNumeric ? InferenceDatatype.Fp64 : InferenceDatatype.Bytes, [-1, 1]))];
    }

    public string Name { get; }

    public string Version { get; }

    public string Platform => "decisioning_scorecard";

    public IReadOnlyList<InferenceTensorSpec> Inputs { get; }

    public IReadOnlyList<InferenceTensorSpec> Outputs { get; } =
    [
        new(Pd, InferenceDatatype.Fp64, [-1]),
        new(Score, InferenceDatatype.Int32, [-1]),
        new(Grade, InferenceDatatype.Bytes, [-1]),
        new(ReasonCodes, InferenceDatatype.Bytes, [-1]),
    ];

    public ModelInferResponse Infer(ModelInferRequest request)
    {
        var inputs = InferenceInputs.Read(request, Inputs);
        var response = new InferenceResponseBuilder(this, request, inputs.UsesRawContents);
        var applicants = Applicants(inputs);
        var rows = applicants.Length;
        var pd = new double[rows];
        var score = new int[rows];
        var grade = new string[rows];
        var reasons = new string[rows];
        for (var r = 0; r < rows; r++)
        {
            ScoreResult result;
            try
            {
                result = _scorecard.Score(applicants[r]);
            }
            catch (InvalidFeatureValueException e)
            {
                throw Invalid($"input '{e.Feature}': row {r} value is not accepted by the model.");
            }

            pd[r] = result.ProbabilityOfDefault;
            score[r] = result.Points;
            grade[r] = result.Grade;
            reasons[r] = JsonSerializer.Serialize(result.Reasons.Select(reason => reason.Code));
        }

        return response
            .AddFp64(Pd, [rows], pd)
            .AddInt32(Score, [rows], score)
            .AddBytes(Grade, [rows], grade)
            .AddBytes(ReasonCodes, [rows], reasons)
            .Build();
    }

    private ApplicantFeatures[] Applicants(InferenceInputs inputs)
    {
        var numbers = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var texts = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var domain in _domains)
        {
            if (domain.IsNumeric)
            {
                var values = WholeNumberFeatures.Contains(domain.Name)
                    ? [.. inputs.WholeNumbers(domain.Name).Select(v => (double)v)]
                    : inputs.Numbers(domain.Name);
                for (var r = 0; r < values.Length; r++)
                {
                    if (!(values[r] >= domain.Min && values[r] <= domain.Max))
                    {
                        throw Invalid(string.Create(
                            CultureInfo.InvariantCulture,
                            $"input '{domain.Name}': row {r} value {values[r]} is outside the allowed range [{domain.Min}, {domain.Max}]."));
                    }
                }

                numbers[domain.Name] = values;
            }
            else
            {
                var values = inputs.Strings(domain.Name);
                for (var r = 0; r < values.Length; r++)
                {
                    if (!domain.AllowedValues.Contains(values[r]))
                    {
                        throw Invalid($"input '{domain.Name}': row {r} value '{values[r]}' is not one of {string.Join(", ", domain.AllowedValues)}.");
                    }
                }

                texts[domain.Name] = values;
            }
        }

        var applicants = new ApplicantFeatures[inputs.Rows];
        for (var r = 0; r < applicants.Length; r++)
        {
            applicants[r] = new ApplicantFeatures(
                Amount: numbers["amount"][r],
                TermMonths: (int)numbers["termMonths"][r],
                Purpose: texts["purpose"][r],
                Age: (int)numbers["age"][r],
                CheckingAccount: texts["checkingAccount"][r],
                CreditHistory: texts["creditHistory"][r],
                Savings: texts["savings"][r],
                Employment: texts["employment"][r],
                InstallmentRatePct: (int)numbers["installmentRatePct"][r],
                OtherDebtors: texts["otherDebtors"][r],
                ResidenceYears: (int)numbers["residenceYears"][r],
                Property: texts["property"][r],
                OtherInstallmentPlans: texts["otherInstallmentPlans"][r],
                Housing: texts["housing"][r],
                ExistingCredits: (int)numbers["existingCredits"][r],
                Job: texts["job"][r],
                Dependents: (int)numbers["dependents"][r],
                Telephone: texts["telephone"][r] == "yes");
        }

        return applicants;
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
