// The decision history: filters, keyset paging (forward with the Gateway's cursor, back with the ones seen),
// and the CSV export of the filtered set.
import { useState } from "preact/hooks";
import { get, query, request } from "../api.js";
import { download, Loading, percent, Problem, useLoad, when } from "../ui.jsx";

const empty = { from: "", to: "", outcome: "", product: "", grade: "", minPd: "", maxPd: "", modelVersion: "", policyVersion: "", reason: "", applicationId: "" };

/** The form's values as the history API's parameters: dates are whole UTC days, 'to' included. */
export function toParameters(filters) {
  const parameters = { ...filters };
  if (filters.from) {
    parameters.from = `${filters.from}T00:00:00Z`;
  }
  if (filters.to) {
    const next = new Date(`${filters.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    parameters.to = next.toISOString();
  }
  return parameters;
}

function Filters({ initial, onApply }) {
  const [values, setValues] = useState(initial);
  const field = (name) => ({ id: `filter-${name}`, name, value: values[name], onInput: (e) => setValues({ ...values, [name]: e.currentTarget.value }) });
  return (
    <form
      class="filters"
      aria-label="Filters"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(values);
      }}
    >
      <label for="filter-from">From<input type="date" {...field("from")} /></label>
      <label for="filter-to">To<input type="date" {...field("to")} /></label>
      <label for="filter-outcome">Outcome
        <select {...field("outcome")}>
          <option value="">any</option>
          <option value="approve">approve</option>
          <option value="decline">decline</option>
          <option value="refer">refer</option>
        </select>
      </label>
      <label for="filter-product">Product<input {...field("product")} /></label>
      <label for="filter-grade">Grade
        <select {...field("grade")}>
          <option value="">any</option>
          {["A", "B", "C", "D", "E", "F", "G"].map((g) => <option key={g} value={g}>{g}</option>)}
        </select>
      </label>
      <label for="filter-minPd">PD from<input type="number" min="0" max="1" step="0.01" {...field("minPd")} /></label>
      <label for="filter-maxPd">PD to<input type="number" min="0" max="1" step="0.01" {...field("maxPd")} /></label>
      <label for="filter-modelVersion">Model version<input {...field("modelVersion")} /></label>
      <label for="filter-policyVersion">Policy version<input {...field("policyVersion")} /></label>
      <label for="filter-reason">Reason code<input {...field("reason")} /></label>
      <label for="filter-applicationId">Application id<input {...field("applicationId")} /></label>
      <div class="actions">
        <button type="submit">Apply filters</button>
        <button type="button" class="secondary" onClick={() => { setValues(empty); onApply(empty); }}>Clear</button>
      </div>
    </form>
  );
}

export function Decisions() {
  const [filters, setFilters] = useState(empty);
  const [limit, setLimit] = useState(50);
  // cursors[i] opens page i; page 0 has none.
  const [cursors, setCursors] = useState([null]);
  const [exportError, setExportError] = useState(null);
  const [exporting, setExporting] = useState(false);
  const pageIndex = cursors.length - 1;
  const page = useLoad(
    () => get(`/v1/decisions${query({ ...toParameters(filters), limit, cursor: cursors[pageIndex] })}`),
    [filters, limit, cursors],
  );

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    try {
      download(await request(`/v1/decisions/export${query(toParameters(filters))}`, { accept: "text/csv" }), "decisions.csv");
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  }

  const items = page.data?.items ?? [];
  return (
    <section aria-labelledby="decisions-title">
      <h1 id="decisions-title">Decisions</h1>
      <Filters initial={filters} onApply={(values) => { setFilters(values); setCursors([null]); }} />
      <div class="toolbar">
        <label for="page-size">Per page
          <select id="page-size" value={limit} onChange={(e) => { setLimit(Number(e.currentTarget.value)); setCursors([null]); }}>
            {[25, 50, 100, 500].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
        <button type="button" onClick={exportCsv} disabled={exporting}>{exporting ? "Exporting…" : "Export CSV"}</button>
      </div>
      <Problem error={page.error ?? exportError} />
      {page.loading && <Loading what="decisions" />}
      {!page.loading && !page.error && (
        <>
          <div class="table-scroll">
          <table class="decisions">
            <caption>Page {pageIndex + 1}: {items.length} decisions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Decided</th>
                <th scope="col">Application</th>
                <th scope="col">Outcome</th>
                <th scope="col">Grade</th>
                <th scope="col">PD</th>
                <th scope="col">Score</th>
                <th scope="col">APR</th>
                <th scope="col">Model</th>
                <th scope="col">Policy</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.decisionId}>
                  <td><a href={`#/decisions/${d.decisionId}`}>{when(d.decidedAt)}</a></td>
                  <td>{d.applicationId}</td>
                  <td><span class={`outcome ${d.outcome}`}>{d.outcome}</span>{d.review ? ` (${d.review.finalOutcome ?? d.review.status})` : ""}</td>
                  <td>{d.score?.grade ?? "–"}</td>
                  <td>{percent(d.score?.pd, 2)}</td>
                  <td>{d.score?.score ?? "–"}</td>
                  <td>{d.offer ? `${d.offer.aprPct.toFixed(2)}%` : "–"}</td>
                  <td>{d.score?.modelVersion ?? "–"}</td>
                  <td>{d.policyVersion}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          {items.length === 0 && <p>No decision matches these filters.</p>}
          <nav class="pager" aria-label="Pages">
            <button type="button" disabled={pageIndex === 0} onClick={() => setCursors(cursors.slice(0, -1))}>Previous page</button>
            <button type="button" disabled={!page.data?.nextCursor} onClick={() => setCursors([...cursors, page.data.nextCursor])}>Next page</button>
          </nav>
        </>
      )}
    </section>
  );
}
