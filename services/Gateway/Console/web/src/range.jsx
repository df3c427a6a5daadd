// The range of whole UTC days an insight page shows, both ends included.
import { useState } from "preact/hooks";

const isoDay = (date) => date.toISOString().slice(0, 10);

/** The last `days` days up to today (UTC). */
export function lastDays(days) {
  const start = new Date(`${isoDay(new Date())}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - (days - 1));
  return { from: isoDay(start), to: isoDay(new Date()) };
}

export function DateRange({ range, onApply }) {
  const [values, setValues] = useState(range);
  const apply = (chosen) => {
    setValues(chosen);
    onApply(chosen);
  };
  const field = (name) => ({
    id: `range-${name}`,
    type: "date",
    required: true,
    value: values[name],
    onInput: (e) => setValues({ ...values, [name]: e.currentTarget.value }),
  });
  return (
    <form
      class="range"
      aria-label="Date range"
      onSubmit={(e) => {
        e.preventDefault();
        apply(values);
      }}
    >
      <label for="range-from">From<input {...field("from")} /></label>
      <label for="range-to">To<input {...field("to")} /></label>
      <button type="submit">Show</button>
      <button type="button" class="secondary" onClick={() => apply(lastDays(30))}>Last 30 days</button>
      <p class="hint">Whole days in UTC, both included.</p>
    </form>
  );
}
