// Pieces of a decision that the decision page and the review queue both show: a term and its value, the reasons in
// words, and the applicant's features as submitted.
import { money } from "./ui.jsx";

export const Row = ({ label, children }) => (
  <>
    <dt>{label}</dt>
    <dd>{children}</dd>
  </>
);

/** installmentRatePct -> "Installment rate pct": the request's field names as labels. */
const words = (name) => name.replace(/([A-Z])/g, " $1").toLowerCase().replace(/^./, (c) => c.toUpperCase());

export function Reasons({ reasons }) {
  if (reasons.length === 0) {
    return <p>No adverse reasons.</p>;
  }
  return (
    <ol class="reasons">
      {reasons.map((r) => <li key={r.code}><strong>{r.description}</strong> <code>{r.code}</code></li>)}
    </ol>
  );
}

/** The application as the lender sent it (GET /v1/decisions/{id}/application's `application`). */
export const Features = ({ application }) => (
  <dl class="features">
    <Row label="Product">{application.product}</Row>
    <Row label="Amount">{money(application.amount)}</Row>
    <Row label="Term">{application.termMonths} months</Row>
    <Row label="Purpose">{application.purpose ?? "–"}</Row>
    {Object.entries(application.applicant ?? {}).map(([name, value]) => <Row key={name} label={words(name)}>{String(value)}</Row>)}
  </dl>
);
