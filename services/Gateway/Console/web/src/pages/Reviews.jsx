// Placeholder until the page is built.
export function Reviews() {
  return <h1>Reviews</h1>;
}
