// Placeholder until the page is built.
export function Admin() {
  return <h1>Admin</h1>;
}
