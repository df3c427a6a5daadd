// The tenant's API keys: list, create with a role (the key shown once), revoke after a confirmation.
import { useState } from "preact/hooks";
import { useAction } from "../../action.js";
import { del, get, post } from "../../api.js";
import { Loading, Problem, useLoad, when } from "../../ui.jsx";
import { ConfirmButton, ShownOnce } from "./shared.jsx";

const roles = ["decider", "analyst", "reviewer", "admin"];

function CreateKey({ onCreated }) {
  const [role, setRole] = useState("analyst");
  const action = useAction();

  function submit(event) {
    event.preventDefault();
    action.run(async () => onCreated(await post("/v1/admin/keys", { role })));
  }

  return (
    <form class="inline" aria-label="Create a key" onSubmit={submit}>
      <label for="key-role">Role
        <select id="key-role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
          {roles.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </label>
      <button type="submit" disabled={action.busy}>{action.busy ? "Creating…" : "Create key"}</button>
      <Problem error={action.error} />
    </form>
  );
}

function KeyRow({ item, own, onRevoke, busy }) {
  return (
    <tr>
      <td><code>{item.prefix}…</code>{own && " (this console's key)"}</td>
      <td>{item.role}</td>
      <td>{when(item.createdAt)}</td>
      <td>{item.revokedAt ? `revoked ${when(item.revokedAt)}` : "active"}</td>
      <td>
        {!item.revokedAt && !own && (
          <ConfirmButton
            label="Revoke"
            name={`Revoke the ${item.role} key ${item.prefix}`}
            question={`Revoke the ${item.role} key ${item.prefix}…? It stops working at once.`}
            busy={busy}
            onConfirm={() => onRevoke(item)}
          />
        )}
      </td>
    </tr>
  );
}

export function Keys({ me }) {
  const keys = useLoad(() => get("/v1/admin/keys"), []);
  const [created, setCreated] = useState(null);
  const [message, setMessage] = useState(null);
  const revoke = useAction();

  function revokeKey(item) {
    setMessage(null);
    revoke.run(async () => {
      await del(`/v1/admin/keys/${item.keyId}`);
      setMessage(`The ${item.role} key ${item.prefix}… is revoked.`);
      keys.reload();
    });
  }

  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <CreateKey onCreated={(key) => { setCreated(key); keys.reload(); }} />
      {created && (
        <ShownOnce id="new-key" title={`New ${created.role} key`} label="The new API key" value={created.apiKey} onDone={() => setCreated(null)}>
          <p class="hint">Send it as <code>Authorization: Bearer …</code>; it starts with <code>{created.prefix}</code>, as the list shows it.</p>
        </ShownOnce>
      )}
      <p role="status">{message}</p>
      <Problem error={keys.error ?? revoke.error} />
      {keys.loading && !keys.data && <Loading what="the keys" />}
      {keys.data && (
        <table>
          <caption>{keys.data.keys.length} keys; only their prefixes are kept in the clear</caption>
          <thead><tr><th scope="col">Key</th><th scope="col">Role</th><th scope="col">Created</th><th scope="col">Status</th><th scope="col">Action</th></tr></thead>
          <tbody>
            {keys.data.keys.map((item) => (
              <KeyRow key={item.keyId} item={item} own={item.keyId === me.keyId} busy={revoke.busy} onRevoke={revokeKey} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
