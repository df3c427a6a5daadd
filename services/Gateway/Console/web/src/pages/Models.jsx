// Placeholder until the page is built.
export function Models() {
  return <h1>Models</h1>;
}
