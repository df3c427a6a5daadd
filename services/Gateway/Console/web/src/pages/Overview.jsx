// Placeholder until the page is built.
export function Overview() {
  return <h1>Overview</h1>;
}
