// The tenant's decisions over a range of days: how many and how many approved, the approval rate by day, the outcome
// mix, decisions, PD and scores by grade, and score percentiles by day.
import "../insights.css";
import { useMemo, useState } from "preact/hooks";
import { graphql } from "../api.js";
import { Bar, Chart, daySeconds, dayScale, percentAxis } from "../charts.jsx";
import { DateRange, lastDays } from "../range.jsx";
import { Loading, number, percent, Problem, useLoad } from "../ui.jsx";
import { toParameters } from "./Decisions.jsx";

const outcomes = ["approve", "decline", "refer"];

// The three groupings in one round trip: GraphQL answers them together, each as GET /v1/decisions/stats would.
const statsQuery = `query Overview($filter: DecisionFilter) {
  byOutcome: stats(groupBy: OUTCOME, filter: $filter) { groups { ...group } }
  byDay: stats(groupBy: DAY, filter: $filter) { groups { ...group } }
  byGrade: stats(groupBy: GRADE, filter: $filter) { groups { ...group } }
}
fragment group on StatsGroup { key count approvalRate meanPd scoreP10 scoreP50 scoreP90 }`;

const total = (groups) => groups.reduce((sum, group) => sum + group.count, 0);

function Totals({ byOutcome }) {
  const decisions = total(byOutcome);
  const count = (outcome) => byOutcome.find((group) => group.key === outcome)?.count ?? 0;
  return (
    <dl class="totals" aria-label="Totals">
      <div><dt>Decisions</dt><dd>{decisions}</dd></div>
      <div><dt>Approval rate</dt><dd>{percent(decisions ? count("approve") / decisions : null)}</dd></div>
      <div><dt>Approved</dt><dd>{count("approve")}</dd></div>
      <div><dt>Declined</dt><dd>{count("decline")}</dd></div>
      <div><dt>Referred</dt><dd>{count("refer")}</dd></div>
    </dl>
  );
}

function OutcomeMix({ byOutcome }) {
  const decisions = total(byOutcome);
  return (
    <div class="table-scroll">
      <table class="shares">
        <caption>Outcome mix</caption>
        <thead><tr><th scope="col">Outcome</th><th scope="col">Decisions</th><th scope="col">Share</th></tr></thead>
        <tbody>
          {outcomes.map((outcome) => {
            const count = byOutcome.find((group) => group.key === outcome)?.count ?? 0;
            return (
              <tr key={outcome}>
                <th scope="row"><span class={`outcome ${outcome}`}>{outcome}</span></th>
                <td>{count}</td>
                <td class="share"><Bar share={count / decisions} kind={outcome} /> {percent(count / decisions)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Grades({ byGrade }) {
  const decisions = total(byGrade);
  return (
    <div class="table-scroll">
      <table>
        <caption>Decisions, PD and score by grade</caption>
        <thead>
          <tr>
            <th scope="col">Grade</th>
            <th scope="col">Decisions</th>
            <th scope="col">Approval rate</th>
            <th scope="col">Mean PD</th>
            <th scope="col">Score P10</th>
            <th scope="col">Score P50</th>
            <th scope="col">Score P90</th>
          </tr>
        </thead>
        <tbody>
          {byGrade.map((group) => (
            <tr key={group.key}>
              <th scope="row">{group.key}</th>
              <td class="share"><Bar share={group.count / decisions} /> {group.count} ({percent(group.count / decisions)})</td>
              <td>{percent(group.approvalRate)}</td>
              <td>{percent(group.meanPd, 2)}</td>
              <td>{number(group.scoreP10, 0)}</td>
              <td>{number(group.scoreP50, 0)}</td>
              <td>{number(group.scoreP90, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ApprovalByDay({ byDay }) {
  const data = useMemo(() => [byDay.map((g) => daySeconds(g.key)), byDay.map((g) => g.approvalRate * 100)], [byDay]);
  const options = useMemo(() => ({
    ...dayScale,
    scales: { y: { range: [0, 100] } },
    axes: [{}, percentAxis],
    series: [{ label: "Day" }, { label: "Approval rate", stroke: "#0b4f9c", width: 2, value: (plot, v) => (v === null ? "–" : `${v.toFixed(1)}%`) }],
  }), []);
  const rates = byDay.map((g) => g.approvalRate);
  const summary = `Approval rate on ${byDay.length} days, from ${percent(Math.min(...rates))} to ${percent(Math.max(...rates))}.`;
  return (
    <Chart id="approval-by-day" caption="Approval rate by day" summary={summary} options={options} data={data}>
      <table>
        <thead><tr><th scope="col">Day</th><th scope="col">Decisions</th><th scope="col">Approval rate</th><th scope="col">Mean PD</th></tr></thead>
        <tbody>
          {byDay.map((g) => <tr key={g.key}><th scope="row">{g.key}</th><td>{g.count}</td><td>{percent(g.approvalRate)}</td><td>{percent(g.meanPd, 2)}</td></tr>)}
        </tbody>
      </table>
    </Chart>
  );
}

function ScoresByDay({ byDay }) {
  const data = useMemo(() => [byDay.map((g) => daySeconds(g.key)), byDay.map((g) => g.scoreP10), byDay.map((g) => g.scoreP50), byDay.map((g) => g.scoreP90)], [byDay]);
  const options = useMemo(() => ({
    ...dayScale,
    series: [
      { label: "Day" },
      { label: "P10", stroke: "#8e1b1b", width: 2, dash: [6, 4] },
      { label: "P50", stroke: "#13294b", width: 2 },
      { label: "P90", stroke: "#1b5e20", width: 2, dash: [2, 3] },
    ],
  }), []);
  const medians = byDay.map((g) => g.scoreP50).filter((v) => v !== null);
  const summary = medians.length === 0
    ? "No decision in this range has a score."
    : `Score percentiles on ${byDay.length} days; the median score runs from ${Math.min(...medians)} to ${Math.max(...medians)}.`;
  return (
    <Chart id="scores-by-day" caption="Score percentiles by day" summary={summary} options={options} data={data}>
      <table>
        <thead><tr><th scope="col">Day</th><th scope="col">P10</th><th scope="col">P50</th><th scope="col">P90</th></tr></thead>
        <tbody>
          {byDay.map((g) => <tr key={g.key}><th scope="row">{g.key}</th><td>{number(g.scoreP10, 0)}</td><td>{number(g.scoreP50, 0)}</td><td>{number(g.scoreP90, 0)}</td></tr>)}
        </tbody>
      </table>
    </Chart>
  );
}

export function Overview() {
  const [range, setRange] = useState(() => lastDays(30));
  const loaded = useLoad(async () => {
    const { from, to } = toParameters(range);
    const data = await graphql(statsQuery, { filter: { from, to } });
    return { byOutcome: data.byOutcome.groups, byDay: data.byDay.groups, byGrade: data.byGrade.groups };
  }, [range]);
  const data = loaded.data;
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <DateRange range={range} onApply={setRange} />
      <Problem error={loaded.error} />
      {loaded.loading && <Loading what="the statistics" />}
      {data && !loaded.loading && (total(data.byOutcome) === 0
        ? <p>No decisions from {range.from} to {range.to}.</p>
        : (
          <>
            <Totals byOutcome={data.byOutcome} />
            <div class="charts">
              <ApprovalByDay byDay={data.byDay} />
              <ScoresByDay byDay={data.byDay} />
            </div>
            <OutcomeMix byOutcome={data.byOutcome} />
            <Grades byGrade={data.byGrade} />
          </>
        ))}
    </section>
  );
}
