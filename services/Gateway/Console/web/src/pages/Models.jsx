// The models CreditScoring serves: their roles and cross-validated metrics, each challenger against the champion on
// this tenant's decisions, and for one model its performance on reported loan outcomes, its drift and its model card.
import "../insights.css";
import { useMemo, useState } from "preact/hooks";
import { ApiError, get, query } from "../api.js";
import { Chart, daySeconds, dayScale, pointsOnly } from "../charts.jsx";
import { DateRange, lastDays } from "../range.jsx";
import { Loading, number, percent, Problem, useLoad, when } from "../ui.jsx";

const percentiles = ["P10", "P25", "P50", "P75", "P90"];

/** The setting training shipped ("selected", "selectedC"): its cross-validated AUC, KS and Brier score. */
const shippedMetrics = (metrics) => Object.entries(metrics ?? {}).find(([name, value]) => name.startsWith("selected") && typeof value === "object")?.[1] ?? {};

function ModelList({ models }) {
  return (
    <div class="table-scroll">
      <table>
        <caption>Models served, with cross-validated metrics from training</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Version</th>
            <th scope="col">Role</th>
            <th scope="col">Kind</th>
            <th scope="col">AUC (± sd)</th>
            <th scope="col">KS</th>
            <th scope="col">Brier</th>
            <th scope="col">Loaded</th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => {
            const metrics = shippedMetrics(model.metrics);
            return (
              <tr key={model.modelVersion}>
                <th scope="row">{model.name}</th>
                <td>{model.version}</td>
                <td><span class={`role ${model.role}`}>{model.role}</span></td>
                <td>{model.kind}</td>
                <td>{number(metrics.aucMean)} ± {number(metrics.aucSd)}</td>
                <td>{number(metrics.ks)}</td>
                <td>{number(metrics.brier)}</td>
                <td>{when(model.loadedAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Comparison({ champion, challenger, range }) {
  const loaded = useLoad(() => get(`/v1/models/${encodeURIComponent(champion)}/comparison/${encodeURIComponent(challenger)}${query(range)}`), [champion, challenger, range]);
  const c = loaded.data?.comparison;
  return (
    <section aria-labelledby={`comparison-${challenger}`} class="panel">
      <h3 id={`comparison-${challenger}`}>{challenger} against {champion}</h3>
      <Problem error={loaded.error} />
      {loaded.loading && <Loading what="the comparison" />}
      {c && !loaded.loading && (c.count === 0
        ? <p>No decision in this range was scored by both models.</p>
        : (
          <>
            <dl class="figures">
              <div><dt>Decisions scored by both</dt><dd>{c.count}</dd></div>
              <div><dt>Same policy band</dt><dd>{percent(c.bandAgreementRate)}</dd></div>
              <div><dt>Same grade</dt><dd>{percent(c.gradeAgreementRate)}</dd></div>
              <div><dt>PD correlation</dt><dd>{number(c.pdCorrelation)}</dd></div>
            </dl>
            <div class="table-scroll">
              <table>
                <caption>Mean PD and score percentiles (bands of {loaded.data.policyVersion})</caption>
                <thead><tr><th scope="col">Model</th><th scope="col">Mean PD</th>{percentiles.map((p) => <th key={p} scope="col">Score {p}</th>)}</tr></thead>
                <tbody>
                  <tr><th scope="row">{champion}</th><td>{percent(c.championMeanPd, 2)}</td>{percentiles.map((p, i) => <td key={p}>{number(c.championScorePercentiles?.[i], 0)}</td>)}</tr>
                  <tr><th scope="row">{challenger}</th><td>{percent(c.challengerMeanPd, 2)}</td>{percentiles.map((p, i) => <td key={p}>{number(c.challengerScorePercentiles?.[i], 0)}</td>)}</tr>
                </tbody>
              </table>
            </div>
          </>
        ))}
    </section>
  );
}

function Calibration({ version }) {
  const buckets = version.calibration;
  const data = useMemo(() => {
    const predicted = buckets.map((b) => b.meanPd * 100);
    return [predicted, buckets.map((b) => b.observedBadRate * 100), predicted];
  }, [buckets]);
  const options = useMemo(() => ({
    scales: { x: { time: false }, y: { range: [0, 100] } },
    axes: [{ label: "Predicted default rate (mean PD, %)" }, { label: "Observed default rate (%)" }],
    series: [
      { label: "Predicted" },
      { label: "Observed", ...pointsOnly("#8e1b1b") },
      { label: "Perfect calibration", stroke: "#767676", dash: [4, 4] },
    ],
  }), []);
  const worst = buckets.reduce((gap, b) => Math.max(gap, Math.abs(b.observedBadRate - b.meanPd)), 0);
  const summary = `Observed against predicted default rate in ${buckets.length} PD deciles; the widest gap is ${percent(worst)}.`;
  return (
    <Chart id={`calibration-${version.modelVersion}`} caption={`Calibration of ${version.modelVersion}`} summary={summary} options={options} data={data}>
      <table>
        <thead><tr><th scope="col">Decile</th><th scope="col">Loans</th><th scope="col">Mean PD</th><th scope="col">Observed default rate</th></tr></thead>
        <tbody>
          {buckets.map((b) => <tr key={b.decile}><th scope="row">{b.decile}</th><td>{b.count}</td><td>{percent(b.meanPd, 2)}</td><td>{percent(b.observedBadRate)}</td></tr>)}
        </tbody>
      </table>
    </Chart>
  );
}

function VersionPerformance({ version }) {
  return (
    <div class="panel">
      <h3>{version.modelVersion}</h3>
      <dl class="figures">
        <div><dt>Loans with outcomes</dt><dd>{version.count}</dd></div>
        <div><dt>Defaulted</dt><dd>{version.badCount}</dd></div>
        <div><dt>Default rate</dt><dd>{percent(version.badRate)}</dd></div>
        <div><dt>AUC</dt><dd>{number(version.auc)}</dd></div>
        <div><dt>KS</dt><dd>{number(version.ks)}</dd></div>
      </dl>
      {version.auc === null && <p>AUC and KS need both repaid and defaulted loans.</p>}
      <div class="charts">
        <table>
          <caption>Default rate by grade</caption>
          <thead><tr><th scope="col">Grade</th><th scope="col">Loans</th><th scope="col">Defaulted</th><th scope="col">Default rate</th></tr></thead>
          <tbody>
            {version.defaultRateByGrade.map((g) => <tr key={g.grade}><th scope="row">{g.grade}</th><td>{g.count}</td><td>{g.badCount}</td><td>{percent(g.defaultRate)}</td></tr>)}
          </tbody>
        </table>
        <Calibration version={version} />
      </div>
    </div>
  );
}

function Performance({ name, range }) {
  const loaded = useLoad(() => get(`/v1/models/${encodeURIComponent(name)}/performance${query(range)}`), [name, range]);
  const unscored = loaded.error instanceof ApiError && loaded.error.status === 404;
  return (
    <section aria-labelledby="performance-title">
      <h2 id="performance-title">Performance on loan outcomes</h2>
      {unscored ? <p>No decision of this tenant was scored by {name}.</p> : <Problem error={loaded.error} />}
      {loaded.loading && <Loading what="the performance" />}
      {loaded.data && !loaded.loading && (loaded.data.versions.length === 0
        ? <p>No outcomes reported yet for decisions from {range.from} to {range.to}.</p>
        : loaded.data.versions.map((version) => <VersionPerformance key={version.modelVersion} version={version} />))}
    </section>
  );
}

function DriftChart({ days, threshold }) {
  const scored = days.filter((d) => d.score !== null);
  const data = useMemo(() => [scored.map((d) => daySeconds(d.day)), scored.map((d) => d.score), scored.map(() => threshold)], [days, threshold]);
  const options = useMemo(() => ({
    ...dayScale,
    scales: { y: { range: (plot, min, max) => [0, Math.max(max, threshold) * 1.1] } },
    series: [
      { label: "Day" },
      { label: "Score PSI", stroke: "#0b4f9c", width: 2, value: (plot, v) => number(v) },
      { label: "Alert threshold", stroke: "#8e1b1b", dash: [6, 4] },
    ],
  }), [threshold]);
  const highest = Math.max(...scored.map((d) => d.score));
  const summary = `Score PSI on ${scored.length} days, at most ${number(highest)} against the threshold of ${threshold}.`;
  return (
    <Chart id="drift-by-day" caption="Score PSI by day" summary={summary} options={options} data={data} />
  );
}

function Drift({ name, range }) {
  const loaded = useLoad(() => get(`/v1/models/${encodeURIComponent(name)}/drift${query(range)}`), [name, range]);
  const report = loaded.data;
  return (
    <section aria-labelledby="drift-title">
      <h2 id="drift-title">Drift against the training data</h2>
      <Problem error={loaded.error} />
      {loaded.loading && <Loading what="the drift" />}
      {report && !loaded.loading && (report.days.length === 0
        ? <p>No drift computed for {name} from {report.from} to {report.to}: the Worker computes it hourly for the champion's decisions.</p>
        : (
          <div class="charts">
            {report.days.some((d) => d.score !== null) && <DriftChart days={report.days} threshold={report.threshold} />}
            <div class="table-scroll">
              <table>
                <caption>PSI by day (over {report.threshold} is drift)</caption>
                <thead><tr><th scope="col">Day</th><th scope="col">Version</th><th scope="col">Decisions</th><th scope="col">Score PSI</th><th scope="col">Drifted</th></tr></thead>
                <tbody>
                  {report.days.map((d) => (
                    <tr key={`${d.day} ${d.modelVersion}`}>
                      <th scope="row">{d.day}</th>
                      <td>{d.modelVersion}</td>
                      <td>{d.decisions}</td>
                      <td>{number(d.score)}</td>
                      <td>{d.drifted.length === 0 ? "none" : d.drifted.map((f) => `${f} (${number(f === "score" ? d.score : d.features[f])})`).join(", ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
    </section>
  );
}

function ModelCard({ name, version }) {
  const loaded = useLoad(() => get(`/v1/models/${encodeURIComponent(name)}/${encodeURIComponent(version)}/card`), [name, version]);
  const card = loaded.data;
  const missing = loaded.error instanceof ApiError && loaded.error.status === 404;
  return (
    <section aria-labelledby="card-title" class="model-card">
      <h2 id="card-title">Model card: {name} version {version}</h2>
      {missing ? <p>This version has no model card.</p> : <Problem error={loaded.error} />}
      {loaded.loading && <Loading what="the model card" />}
      {card && !loaded.loading && (
        <>
          <p>{card.summary}</p>
          <dl>
            <dt>Kind</dt><dd>{card.kind}</dd>
            <dt>Created</dt><dd>{when(card.createdAt)}</dd>
            <dt>Intended use</dt><dd>{card.intendedUse?.use ?? "–"}</dd>
            <dt>Role</dt><dd>{card.intendedUse?.role ?? "–"}</dd>
            <dt>Data</dt><dd>{card.data ? `${card.data.dataset}: ${card.data.trainingData?.rows ?? "?"} rows, bad rate ${percent(card.data.badRate)}` : "–"}</dd>
            <dt>Features</dt><dd>{(card.features ?? []).map((f) => f.name).join(", ") || "–"}</dd>
            <dt>Never reads</dt><dd>{(card.excludedAttributes ?? []).map((a) => `${a.name} (${a.reason})`).join("; ") || "–"}</dd>
            <dt>Manifest sha256</dt><dd><code>{card.manifestSha256 ?? "–"}</code></dd>
          </dl>
          {card.intendedUse?.outOfScope && (
            <>
              <h3>Out of scope</h3>
              <ul>{card.intendedUse.outOfScope.map((item) => <li key={item}>{item}</li>)}</ul>
            </>
          )}
          {card.limitations && (
            <details>
              <summary>Known limitations ({card.limitations.length})</summary>
              <ul>{card.limitations.map((item) => <li key={item}>{item}</li>)}</ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}

export function Models() {
  const [range, setRange] = useState(() => lastDays(30));
  const [selected, setSelected] = useState(null);
  const loaded = useLoad(() => get("/v1/models"), []);
  const models = loaded.data?.models ?? [];
  const champion = models.find((m) => m.role === "champion");
  const challengers = models.filter((m) => m.role === "challenger");
  const model = models.find((m) => m.modelVersion === selected) ?? champion ?? models[0];
  return (
    <section aria-labelledby="models-title">
      <h1 id="models-title">Models</h1>
      <Problem error={loaded.error} />
      {loaded.loading && <Loading what="the models" />}
      {!loaded.loading && !loaded.error && (models.length === 0 ? <p>CreditScoring serves no model.</p> : (
        <>
          <ModelList models={models} />
          <DateRange range={range} onApply={setRange} />
          <p class="hint">The range applies to the comparison, the performance (by decision day) and the drift below.</p>
          {champion && challengers.length > 0 && (
            <section aria-labelledby="comparison-title">
              <h2 id="comparison-title">Challengers against the champion</h2>
              {challengers.map((c) => <Comparison key={c.name} champion={champion.name} challenger={c.name} range={range} />)}
            </section>
          )}
          <label for="model-choice" class="choice">Model
            <select id="model-choice" value={model.modelVersion} onChange={(e) => setSelected(e.currentTarget.value)}>
              {models.map((m) => <option key={m.modelVersion} value={m.modelVersion}>{m.name} {m.version} ({m.role})</option>)}
            </select>
          </label>
          <Performance name={model.name} range={range} />
          <Drift name={model.name} range={range} />
          <ModelCard name={model.name} version={model.version} />
        </>
      ))}
    </section>
  );
}
