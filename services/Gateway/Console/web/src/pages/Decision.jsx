// One decision: the applicant's features, score, PD, grade, reasons, offer, versions, review and loan outcome,
// a replay with the versions that made it or others, and a link to its trace.
import { useState } from "preact/hooks";
import { get, post } from "../api.js";
import { Features, Reasons, Row } from "../decision-parts.jsx";
import { Loading, money, percent, Problem, useLoad, when } from "../ui.jsx";

function Replay({ id }) {
  const [model, setModel] = useState("");
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  async function replay(event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(await post(`/v1/decisions/${id}/replay`, model.trim() ? { model: model.trim() } : {}));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="replay-title">
      <h2 id="replay-title">Replay</h2>
      <form onSubmit={replay} class="inline">
        <label for="replay-model">Model (name/version, empty for the one that decided)
          <input id="replay-model" value={model} placeholder="german-gbm/1" onInput={(e) => setModel(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={busy}>{busy ? "Replaying…" : "Replay"}</button>
      </form>
      <Problem error={error} />
      {result && (result.changes.length === 0
        ? <p role="status">Replayed: the same decision, byte for byte.</p>
        : (
          <table>
            <caption>What changed</caption>
            <thead><tr><th scope="col">Field</th><th scope="col">From</th><th scope="col">To</th></tr></thead>
            <tbody>
              {result.changes.map((c) => <tr key={c.field}><td>{c.field}</td><td>{JSON.stringify(c.from)}</td><td>{JSON.stringify(c.to)}</td></tr>)}
            </tbody>
          </table>
        ))}
    </section>
  );
}

export function Decision({ me, params }) {
  const decision = useLoad(() => get(`/v1/decisions/${encodeURIComponent(params.id)}`), [params.id]);
  const application = useLoad(() => get(`/v1/decisions/${encodeURIComponent(params.id)}/application`), [params.id]);
  if (decision.loading) {
    return <Loading what="the decision" />;
  }
  if (decision.error) {
    return <Problem error={decision.error} />;
  }

  const d = decision.data;
  const traceUrl = me.traceUrlTemplate && d.traceId ? me.traceUrlTemplate.replace("{traceId}", d.traceId) : null;
  const features = application.data?.application;
  return (
    <article aria-labelledby="decision-title">
      <p><a href="#/decisions">← Decisions</a></p>
      <h1 id="decision-title">Decision for {d.applicationId}: <span class={`outcome ${d.outcome}`}>{d.outcome}</span></h1>
      <div class="columns">
        <section aria-labelledby="score-title">
          <h2 id="score-title">Score</h2>
          <dl>
            <Row label="Decided">{when(d.decidedAt)}</Row>
            <Row label="Score">{d.score?.score ?? "–"}</Row>
            <Row label="Probability of default">{percent(d.score?.pd, 2)}</Row>
            <Row label="Grade">{d.score?.grade ?? "–"}</Row>
            <Row label="Model version">{d.score?.modelVersion ?? "–"}</Row>
            <Row label="Policy version">{d.policyVersion}</Row>
            <Row label="Pricing version">{d.offer?.pricingVersion ?? "–"}</Row>
            <Row label="Decision id">{d.decisionId}</Row>
            <Row label="Trace">{traceUrl ? <a href={traceUrl} rel="noopener noreferrer" target="_blank">{d.traceId}</a> : (d.traceId ?? "–")}</Row>
          </dl>
        </section>
        <section aria-labelledby="offer-title">
          <h2 id="offer-title">Offer</h2>
          {d.offer ? (
            <dl>
              <Row label="Annual rate">{d.offer.annualRatePct.toFixed(2)}%</Row>
              <Row label="APR">{d.offer.aprPct.toFixed(2)}%</Row>
              <Row label="Monthly payment">{money(d.offer.monthlyPayment)}</Row>
              <Row label="Final payment">{money(d.offer.finalPayment)}</Row>
              <Row label="Total repayable">{money(d.offer.totalRepayable)}</Row>
            </dl>
          ) : <p>No offer: the application was not approved.</p>}
        </section>
      </div>
      <section aria-labelledby="reasons-title">
        <h2 id="reasons-title">Reasons</h2>
        <Reasons reasons={d.reasons} />
      </section>
      {d.review && (
        <section aria-labelledby="review-title">
          <h2 id="review-title">Review</h2>
          <dl>
            <Row label="Status">{d.review.status}</Row>
            <Row label="Final outcome">{d.review.finalOutcome ?? "–"}</Row>
            <Row label="Reason">{d.review.reason ?? "–"}</Row>
            <Row label="Note">{d.review.note ?? "–"}</Row>
            <Row label="Resolved">{when(d.review.resolvedAt)}</Row>
          </dl>
        </section>
      )}
      <section aria-labelledby="outcome-title">
        <h2 id="outcome-title">Loan outcome</h2>
        {application.data?.loanOutcome
          ? <p>{application.data.loanOutcome.outcome}, reported {when(application.data.loanOutcome.observedAt)}</p>
          : <p>No outcome reported yet.</p>}
      </section>
      <section aria-labelledby="application-title">
        <h2 id="application-title">Application</h2>
        <Problem error={application.error} />
        {features && <Features application={features} />}
      </section>
      <Replay id={d.decisionId} />
    </article>
  );
}
