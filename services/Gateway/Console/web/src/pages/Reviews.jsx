// The review queue: claim the oldest referred case, read its application, score and reasons while the lease runs,
// then resolve it (approve or decline, a reason code and a note) or release it back to the queue.
import "../work.css";
import { useEffect, useRef, useState } from "preact/hooks";
import { useAction } from "../action.js";
import { get, post } from "../api.js";
import { Features, Reasons, Row } from "../decision-parts.jsx";
import { percent, Problem, useLoad, when } from "../ui.jsx";

const reasonSuggestions = ["INCOME_VERIFIED", "EMPLOYMENT_VERIFIED", "AFFORDABILITY", "DTI_TOO_HIGH", "FRAUD_SUSPECTED", "DOCUMENTS_MISSING"];

const secondsUntil = (time) => Math.max(0, Math.ceil((new Date(time).getTime() - Date.now()) / 1000));

const clock = (seconds) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;

/** The time left on the lease, each second; calls onExpired once when it reaches zero. */
function LeaseCountdown({ expiresAt, onExpired }) {
  const [left, setLeft] = useState(() => secondsUntil(expiresAt));
  useEffect(() => {
    const timer = setInterval(() => setLeft(secondsUntil(expiresAt)), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  useEffect(() => {
    if (left === 0) {
      onExpired();
    }
  }, [left === 0]);

  return (
    <p class={left < 60 ? "lease ending" : "lease"}>
      Lease: <span role="timer" aria-label="Time left on the lease">{clock(left)}</span> left, until {when(expiresAt)}
    </p>
  );
}

function ResolveForm({ decisionId, onResolved }) {
  const [values, setValues] = useState({ outcome: "", reason: "", note: "" });
  const action = useAction();
  const field = (name) => ({ id: `resolve-${name}`, name, value: values[name], onInput: (e) => setValues({ ...values, [name]: e.currentTarget.value }) });

  function submit(event) {
    event.preventDefault();
    const body = { outcome: values.outcome, reason: values.reason.trim(), note: values.note.trim() || undefined };
    action.run(async () => onResolved(await post(`/v1/reviews/${decisionId}/resolve`, body)));
  }

  return (
    <form class="resolve" aria-labelledby="resolve-title" onSubmit={submit}>
      <h2 id="resolve-title">Resolve</h2>
      <label for="resolve-outcome">Final outcome
        <select required {...field("outcome")}>
          <option value="">choose…</option>
          <option value="approve">approve</option>
          <option value="decline">decline</option>
        </select>
      </label>
      <label for="resolve-reason">Reason code (capital letters, digits and _, e.g. INCOME_VERIFIED)
        <input required maxLength={64} list="reason-codes" autocomplete="off" {...field("reason")} />
      </label>
      <datalist id="reason-codes">
        {reasonSuggestions.map((code) => <option key={code} value={code} />)}
      </datalist>
      <label for="resolve-note">Note (free text, kept with the case, never sent in events)
        <textarea rows={3} maxLength={2000} {...field("note")} />
      </label>
      <Problem error={action.error} />
      <div class="actions">
        <button type="submit" disabled={action.busy}>{action.busy ? "Resolving…" : "Resolve case"}</button>
      </div>
    </form>
  );
}

function Score({ decision }) {
  return (
    <section aria-labelledby="case-score-title">
      <h2 id="case-score-title">Score</h2>
      <dl>
        <Row label="Score">{decision.score?.score ?? "–"}</Row>
        <Row label="Probability of default">{percent(decision.score?.pd, 2)}</Row>
        <Row label="Grade">{decision.score?.grade ?? "–"}</Row>
        <Row label="Model version">{decision.score?.modelVersion ?? "–"}</Row>
        <Row label="Policy version">{decision.policyVersion}</Row>
        <Row label="Decided">{when(decision.decidedAt)}</Row>
      </dl>
    </section>
  );
}

function Case({ claim, onDone }) {
  const decision = claim.decision;
  const application = useLoad(() => get(`/v1/decisions/${claim.decisionId}/application`), [claim.decisionId]);
  const release = useAction();

  return (
    <article class="case" aria-labelledby="case-title">
      <h2 id="case-title" class="case-title">Case {decision.applicationId}: <span class="outcome refer">referred</span></h2>
      <LeaseCountdown expiresAt={claim.leaseExpiresAt} onExpired={() => onDone("The lease expired: the case went back to the queue.")} />
      <div class="columns">
        <Score decision={decision} />
        <section aria-labelledby="case-reasons-title">
          <h2 id="case-reasons-title">Reasons</h2>
          <Reasons reasons={decision.reasons} />
        </section>
      </div>
      <section aria-labelledby="case-application-title">
        <h2 id="case-application-title">Application</h2>
        <Problem error={application.error} />
        {application.data && <Features application={application.data.application} />}
      </section>
      <ResolveForm
        decisionId={claim.decisionId}
        onResolved={(review) => onDone(`Resolved ${decision.applicationId}: ${review.finalOutcome} (${review.reason}).`)}
      />
      <Problem error={release.error} />
      <button
        type="button"
        class="secondary"
        disabled={release.busy}
        onClick={() => release.run(async () => {
          await post(`/v1/reviews/${claim.decisionId}/release`);
          onDone(`Released ${decision.applicationId}: the case is back in the queue.`);
        })}
      >
        Release to the queue
      </button>
    </article>
  );
}

export function Reviews() {
  const [claim, setClaim] = useState(null);
  const [message, setMessage] = useState(null);
  const claiming = useAction();
  const claimButton = useRef(null);

  function claimNext() {
    setMessage(null);
    claiming.run(async () => {
      const next = await post("/v1/reviews/claim");
      setClaim(next);
      if (!next) {
        setMessage("The queue is empty: no referred case is waiting.");
      }
    });
  }

  function done(text) {
    setClaim(null);
    setMessage(text);
  }

  // Once a case is done, the keyboard is back on the claim button.
  useEffect(() => {
    if (!claim && message) {
      claimButton.current?.focus();
    }
  }, [claim]);

  return (
    <section aria-labelledby="reviews-title">
      <h1 id="reviews-title">Review queue</h1>
      <div class="toolbar">
        <button type="button" ref={claimButton} onClick={claimNext} disabled={claiming.busy || claim !== null}>
          {claiming.busy ? "Claiming…" : "Claim next case"}
        </button>
      </div>
      <p role="status">{message}</p>
      <Problem error={claiming.error} />
      {claim && <Case key={claim.decisionId} claim={claim} onDone={done} />}
    </section>
  );
}
