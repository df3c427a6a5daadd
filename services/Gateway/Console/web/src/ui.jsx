// Small pieces every page uses: loading a resource, showing its error, formatting figures.
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "./api.js";

/** Loads once per change of deps: { data, error, loading, reload }. */
export function useLoad(load, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    load()
      .then((data) => current && setState({ data, error: null, loading: false }))
      .catch((error) => current && setState({ data: null, error, loading: false }));
    return () => {
      current = false;
    };
  }, [...deps, generation]);
  return { ...state, reload: () => setGeneration((g) => g + 1) };
}

export function Problem({ error }) {
  if (!error) {
    return null;
  }
  const text = error instanceof ApiError ? error.message : "The Gateway could not be reached.";
  return <p role="alert" class="error">{text}</p>;
}

export const Loading = ({ what }) => <p class="loading" aria-live="polite">Loading {what}…</p>;

export const percent = (value, digits = 1) => (value === null || value === undefined ? "–" : `${(value * 100).toFixed(digits)}%`);
export const number = (value, digits = 3) => (value === null || value === undefined ? "–" : Number(value).toFixed(digits));
export const money = (value) =>
  value === null || value === undefined ? "–" : Number(value).toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const when = (value) => (value ? new Date(value).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "–");

/** Saves a blob as a file the browser downloads (no URL carries the key: the blob was fetched with it). */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
