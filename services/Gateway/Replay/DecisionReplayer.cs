using System.Buffers;
using System.Text;
using System.Text.Json;
using Decisioning.Data;
using Decisioning.Policy;
using Gateway.Decisions;
using Gateway.Models;
using Grpc.Core;

namespace Gateway.Replay;

// Decides a stored decision's request again with the versions chosen: the same models' answers, the same pure policy
// and the same document composer as the decision path, under the original decision's id, time and trace. Nothing is
// written here.
public sealed class DecisionReplayer(DecisionStore store, CreditModels models)
{
    public async Task<ReplayResult> ReplayAsync(string tenantId, Guid decisionId, ReplayRequest request, CancellationToken cancellationToken)
    {
        var stored = await store.FindStoredAsync(tenantId, decisionId, cancellationToken);
        if (stored is null)
        {
            return new ReplayResult.NotFound();
        }

        if (ReplayVersions.Resolve(request, stored) is not { } versions)
        {
            var known = string.Join(", ", DecisionPolicy.Versions.Keys.Order(StringComparer.Ordinal));
            return new ReplayResult.UnknownVersion("policyVersion", $"No policy version '{request.PolicyVersion ?? stored.PolicyVersion}' exists; known: {known}.");
        }

        var decisionRequest = JsonSerializer.Deserialize(stored.RequestJson, DecisionJson.Default.DecisionRequest)!;
        var original = JsonSerializer.Deserialize(stored.DocumentJson, DecisionJson.Default.DecisionDocument)!;
        ModelAnswers answers;
        try
        {
            answers = await models.AskVersionsAsync(decisionRequest, versions.ModelVersion, versions.PricingVersion, cancellationToken);
        }
        catch (UnknownVersionException ex)
        {
            return new ReplayResult.UnknownVersion(ex.Field, ex.Message);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
        {
            return new ReplayResult.NotReplayable(ex.Status.Detail);
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new ReplayResult.Unavailable(ex.StatusCode.ToString());
        }

        var decision = versions.Policy.Decide(new PolicyInput(DecisionDocuments.Facts(decisionRequest), answers.Score, answers.Prices));
        var replayed = DecisionDocuments.Compose(decisionRequest, decision, answers, versions.Policy.Version, original.DecisionId, original.DecidedAt, original.TraceId);
        var replayedJson = JsonSerializer.Serialize(replayed, DecisionJson.Default.DecisionDocument);
        using var originalElement = JsonDocument.Parse(stored.DocumentJson);
        using var replayedElement = JsonDocument.Parse(replayedJson);
        var changes = DecisionDiff.Between(originalElement.RootElement, replayedElement.RootElement);
        return new ReplayResult.Replayed(Compose(stored.DocumentJson, replayedJson, changes));
    }

    // The response as text: the original exactly as stored and the replay as the decision path writes documents, so
    // both compare byte for byte.
    private static string Compose(string originalJson, string replayedJson, IReadOnlyList<FieldChange> changes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("original");
            writer.WriteRawValue(originalJson, skipInputValidation: true);
            writer.WritePropertyName("replayed");
            writer.WriteRawValue(replayedJson, skipInputValidation: true);
            writer.WritePropertyName("changes");
            JsonSerializer.Serialize(writer, changes, ReplayJson.Default.IReadOnlyListFieldChange);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
