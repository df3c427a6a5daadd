// Charts for the insight pages: uPlot line and point charts, each in a figure named by its caption, with a summary a
// screen reader reads out and (unless a table beside it has them) the charted figures as a table one key press away;
// and a plain share bar for tables.
import "uplot/dist/uPlot.min.css";
import uPlot from "uplot";
import { useEffect, useRef } from "preact/hooks";

const height = 260;

/** Seconds since the epoch of a UTC day (YYYY-MM-DD), uPlot's time axis unit. */
export const daySeconds = (day) => Date.parse(`${day}T00:00:00Z`) / 1000;

/** A time axis of whole UTC days. */
export const dayScale = { tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), "Etc/UTC") };

export const percentAxis = { values: (plot, ticks) => ticks.map((tick) => `${tick}%`) };

/** A series drawn as points only. */
export const pointsOnly = (color) => ({ stroke: color, paths: () => null, points: { show: true, size: 9, fill: color } });

export function Chart({ id, caption, summary, options, data, children }) {
  const target = useRef(null);
  useEffect(() => {
    const element = target.current;
    const plot = new uPlot({ ...options, width: element.clientWidth, height }, data, element);
    const resized = new ResizeObserver(() => plot.setSize({ width: element.clientWidth, height }));
    resized.observe(element);
    return () => {
      resized.disconnect();
      plot.destroy();
    };
  }, [options, data]);
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <div class="plot" ref={target} role="img" aria-label={summary} />
      {children && (
        <details>
          <summary>Figures as a table</summary>
          {children}
        </details>
      )}
    </figure>
  );
}

/** A bar as long as share (0 to 1) of its cell; the figure it shows is written beside it. */
export const Bar = ({ share, kind = "" }) => (
  <span class={`bar ${kind}`} aria-hidden="true">
    <span style={{ width: `${Math.max(0, Math.min(1, share)) * 100}%` }} />
  </span>
);
