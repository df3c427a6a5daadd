using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Decisioning.IntegrationTests.Infrastructure;

namespace Decisioning.IntegrationTests.Replay;

// The German decisions, copied 50 times into a second tenant (50,000 decisions over 14 hours a month ago, each with
// the German row's observed outcome), and what a backtest of the challenger model must find there: 50 times what
// replaying each of the 1,000 decisions with the challenger gives.
public sealed class GermanBacktestScene : IAsyncLifetime
{
    public const int Copies = 50;

    private const string Clone = """
        INSERT INTO decisions (tenant_id, decision_id, application_id, outcome, product, amount, term_months, pd, score, grade,
                               model_version, policy_version, pricing_version, reason_codes, decided_at, trace_id, request, document)
        SELECT @Target, gen_random_uuid(), d.application_id || '-' || k, d.outcome, d.product, d.amount, d.term_months, d.pd, d.score,
               d.grade, d.model_version, d.policy_version, d.pricing_version, d.reason_codes,
               @From + ((k - 1) * 1000 + substr(d.application_id, 4)::int - 1) * interval '1 second', NULL, d.request, d.document
        FROM decisions d, generate_series(1, @Copies) AS k
        WHERE d.tenant_id = @Source
        """;

    private const string Outcomes = """
        INSERT INTO loan_outcomes (tenant_id, decision_id, decided_at, status, observed_at)
        SELECT d.tenant_id, d.decision_id, d.decided_at, CASE WHEN l.bad THEN 'defaulted' ELSE 'repaid' END, current_date
        FROM decisions d
        JOIN unnest(@Applications, @Bads) AS l(application_id, bad) ON left(d.application_id, 7) = l.application_id
        WHERE d.tenant_id = @Target
        """;

    public GermanDecisions German { get; } = new();

    public Platform Platform => German.Platform;

    public TestTenant Tenant { get; private set; } = null!;

    public DateTime From { get; } = DateTime.UtcNow.Date.AddDays(-30);

    /// <summary>Baseline outcome → candidate outcome → count, over the 1,000 decisions replayed with the challenger.</summary>
    public Dictionary<string, Dictionary<string, long>> ReplayedMatrix { get; } = [];

    /// <summary>The AUCs of the stored and the challenger's PDs against the German rows' outcomes.</summary>
    public (double Baseline, double Candidate) Aucs { get; private set; }

    public async Task InitializeAsync()
    {
        await German.InitializeAsync();
        Tenant = await Platform.CreateTenantAsync();
        var bads = File.ReadLines(Path.Combine(CreditScoring.UnitTests.RepositoryPaths.Datasets, "german_credit", "german.data")).Select(l => l.Split(' ')[20] == "2").ToArray();
        var applications = Enumerable.Range(1, bads.Length).Select(i => "DE-" + i.ToString("D4", CultureInfo.InvariantCulture)).ToArray();
        await using (var connection = await Platform.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(Clone, new { Target = Tenant.TenantId, Source = German.Tenant.TenantId, From, Copies });
            await connection.ExecuteAsync(Outcomes, new { Target = Tenant.TenantId, Applications = applications, Bads = bads });
        }

        using var analyst = Platform.Client(German.Tenant.Analyst);
        var replayedPds = new double[German.Decisions.Count];
        var candidateOutcomes = new string[German.Decisions.Count];
        await Parallel.ForAsync(0, German.Decisions.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            using var response = await analyst.PostAsJsonAsync($"/v1/decisions/{German.Decisions[i].GetProperty("decisionId").GetGuid()}/replay", new { model = "german-gbm/1" });
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"Replay of row {i + 1}: {(int)response.StatusCode}");
            }

            var replayed = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed");
            replayedPds[i] = replayed.GetProperty("score").GetProperty("pd").GetDouble();
            candidateOutcomes[i] = replayed.GetProperty("outcome").GetString()!;
        });

        foreach (var from in new[] { "approve", "decline", "refer" })
        {
            ReplayedMatrix[from] = new[] { "approve", "decline", "refer" }.ToDictionary(to => to, _ => 0L);
        }

        for (var i = 0; i < German.Decisions.Count; i++)
        {
            ReplayedMatrix[German.Decisions[i].GetProperty("outcome").GetString()!][candidateOutcomes[i]]++;
        }

        var storedPds = German.Decisions.Select(d => d.GetProperty("score").GetProperty("pd").GetDouble()).ToArray();
        Aucs = (PairwiseAuc(storedPds, bads), PairwiseAuc(replayedPds, bads));
    }

    public Task DisposeAsync() => German.DisposeAsync();

    // Every (bad, good) pair: 1 when the bad one has the higher PD, a half when tied. Independent of the Worker's ranks.
    private static double PairwiseAuc(double[] pds, bool[] bads)
    {
        double wins = 0;
        long pairs = 0;
        for (var b = 0; b < pds.Length; b++)
        {
            if (!bads[b])
            {
                continue;
            }

            for (var g = 0; g < pds.Length; g++)
            {
                if (!bads[g])
                {
                    pairs++;
                    wins += pds[b] > pds[g] ? 1 : pds[b] == pds[g] ? 0.5 : 0;
                }
            }
        }

        return wins / pairs;
    }
}
