// The tenant's administration: its API keys and its webhooks.
import "../work.css";
import { Keys } from "./admin/Keys.jsx";
import { Webhooks } from "./admin/Webhooks.jsx";

export function Admin({ me }) {
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">Admin</h1>
      <Keys me={me} />
      <Webhooks />
    </section>
  );
}
