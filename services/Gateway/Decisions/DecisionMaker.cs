using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Decisioning.Data;
using Decisioning.Policy;
using Gateway.Models;

namespace Gateway.Decisions;

// The decision flow: both models at once → pure policy → one atomic write of decision, key and event.
// The key is checked by that write rather than by a read before it: a new key (the common case) costs
// one database round trip, and a reused key is answered from the stored decision once the write finds it taken.
public sealed class DecisionMaker(DecisionStore store, CreditModels models, DecisionPolicy policy, TimeProvider clock, DecisionMetrics metrics, ChallengerQueue challengers, ILogger<DecisionMaker> logger)
{
    public async Task<DecisionResult> DecideAsync(string tenantId, string idempotencyKey, DecisionRequest request, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        // The hash is over the parsed request, so formatting and unknown fields do not make a "different body".
        var requestJson = JsonSerializer.SerializeToUtf8Bytes(request, DecisionJson.Default.DecisionRequest);
        var requestHash = SHA256.HashData(requestJson);

        var answers = await models.AskAsync(request, cancellationToken);
        var decision = policy.Decide(new PolicyInput(DecisionDocuments.Facts(request), answers.Score, answers.Prices));

        // Millisecond precision: what the contract shows and what the database keeps exactly.
        var now = clock.GetUtcNow().UtcDateTime;
        var decidedAt = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        var document = DecisionDocuments.Compose(request, decision, answers, policy.Version, DecisionIds.New(decidedAt), decidedAt, Activity.Current?.TraceId.ToHexString());
        var documentJson = JsonSerializer.Serialize(document, DecisionJson.Default.DecisionDocument);
        var record = ToRecord(tenantId, idempotencyKey, requestHash, requestJson, request, document, documentJson, answers);
        if (await store.TryInsertAsync(record, cancellationToken))
        {
            // Challengers score the application after the answer, never on its latency path.
            if (answers.Score is { } champion)
            {
                challengers.Enqueue(new ChallengerJob(tenantId, document.DecisionId, decidedAt, CreditModels.ToScoreRequest(request), champion.ProbabilityOfDefault, champion.ModelVersion));
            }

            metrics.RecordDecision(document, request.Product!);
            metrics.RecordDuration(DecisionMetrics.Created, clock.GetElapsedTime(started));
            // Telemetry: one line per decision, tied to its trace; ids and outcome only, never applicant data.
            logger.LogInformation("Decision {DecisionId} made: {Outcome} under {PolicyVersion}", document.DecisionId, document.Outcome, document.PolicyVersion);
            return new DecisionResult.Created(document.DecisionId, documentJson);
        }

        // The key was taken, by an earlier request or a concurrent one: answer as its replay.
        var earlier = await store.FindByIdempotencyKeyAsync(tenantId, idempotencyKey, cancellationToken)
            ?? throw new InvalidOperationException("An idempotency key that could not be inserted must already exist.");
        var replay = Replay(earlier, requestHash);
        if (replay is DecisionResult.Replayed)
        {
            metrics.RecordReplay();
        }

        metrics.RecordDuration(replay is DecisionResult.Replayed ? DecisionMetrics.Replayed : DecisionMetrics.KeyConflict, clock.GetElapsedTime(started));
        return replay;
    }

    private static DecisionResult Replay(IdempotentReplay earlier, byte[] requestHash) =>
        CryptographicOperations.FixedTimeEquals(earlier.RequestHash, requestHash)
            ? new DecisionResult.Replayed(earlier.DocumentJson)
            : new DecisionResult.KeyConflict();

    private static DecisionRecord ToRecord(string tenantId, string idempotencyKey, byte[] requestHash, byte[] requestJson, DecisionRequest request, DecisionDocument document, string documentJson, ModelAnswers answers)
    {
        var reasonCodes = new string[document.Reasons.Count];
        for (var i = 0; i < reasonCodes.Length; i++)
        {
            reasonCodes[i] = document.Reasons[i].Code;
        }

        var decisionEvent = new DecisionEvent(document.DecisionId, tenantId, document.ApplicationId, document.Outcome, document.Score?.Grade, document.Score?.Pd, document.Offer, document.PolicyVersion, document.DecidedAt);
        return new DecisionRecord(
            tenantId,
            document.DecisionId,
            idempotencyKey,
            requestHash,
            document.ApplicationId,
            document.Outcome,
            request.Product!,
            request.Amount!.Value,
            request.TermMonths!.Value,
            document.Score?.Pd,
            document.Score?.Score,
            document.Score?.Grade,
            document.Score?.ModelVersion,
            document.PolicyVersion,
            answers.Prices?.PricingVersion,
            reasonCodes,
            document.DecidedAt,
            document.TraceId,
            System.Text.Encoding.UTF8.GetString(requestJson),
            documentJson,
            JsonSerializer.Serialize(decisionEvent, DecisionJson.Default.DecisionEvent));
    }
}
