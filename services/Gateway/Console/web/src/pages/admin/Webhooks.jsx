// Where the tenant's events go: list, create (the signing secret shown once), delete, rotate the secret, send a
// test, and each endpoint's deliveries.
import { useState } from "preact/hooks";
import { useAction } from "../../action.js";
import { del, get, post } from "../../api.js";
import { Loading, Problem, useLoad, when } from "../../ui.jsx";
import { Deliveries } from "./Deliveries.jsx";
import { ConfirmButton, ShownOnce } from "./shared.jsx";

const eventTypes = [
  { type: "decision.made.v1", what: "every decision" },
  { type: "review.resolved.v1", what: "every resolved referral" },
];

function CreateWebhook({ onCreated }) {
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState([eventTypes[0].type]);
  const [description, setDescription] = useState("");
  const action = useAction();
  const toggle = (type, on) => setEvents(on ? [...events, type] : events.filter((e) => e !== type));

  function submit(event) {
    event.preventDefault();
    action.run(async () => {
      onCreated(await post("/v1/webhooks", { url: url.trim(), events, description: description.trim() || undefined }));
      setUrl("");
      setDescription("");
    });
  }

  return (
    <form class="webhook-form" aria-label="Create a webhook" onSubmit={submit}>
      <label for="webhook-url">Endpoint URL (https, public address)
        <input id="webhook-url" type="url" required maxLength={2000} value={url} placeholder="https://lender.example/hooks" onInput={(e) => setUrl(e.currentTarget.value)} />
      </label>
      <fieldset>
        <legend>Events</legend>
        {eventTypes.map(({ type, what }) => (
          <label key={type} class="check">
            <input type="checkbox" checked={events.includes(type)} onChange={(e) => toggle(type, e.currentTarget.checked)} />
            <code>{type}</code> ({what})
          </label>
        ))}
      </fieldset>
      <label for="webhook-description">Description (optional)
        <input id="webhook-description" maxLength={500} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="submit" disabled={action.busy}>{action.busy ? "Creating…" : "Create webhook"}</button>
      </div>
      <Problem error={action.error} />
    </form>
  );
}

function WebhookRow({ webhook, selected, busy, onSelect, onAct }) {
  const state = webhook.disabledAt ? `disabled ${when(webhook.disabledAt)}: ${webhook.disabledReason ?? ""}` : "active";
  return (
    <tr class={selected ? "selected" : undefined}>
      <td class="url">{webhook.url}{webhook.description && <div class="hint">{webhook.description}</div>}</td>
      <td>{webhook.events.map((e) => <div key={e}><code>{e}</code></div>)}</td>
      <td>{when(webhook.createdAt)}</td>
      <td>{state}</td>
      <td>
        <div class="row-actions">
          <button type="button" class="secondary" aria-label={`Deliveries to ${webhook.url}`} aria-pressed={selected} onClick={onSelect}>Deliveries</button>
          <button type="button" class="secondary" aria-label={`Send test to ${webhook.url}`} disabled={busy} onClick={() => onAct("test", webhook)}>Send test</button>
          <button type="button" class="secondary" aria-label={`Rotate secret of ${webhook.url}`} disabled={busy} onClick={() => onAct("rotate", webhook)}>Rotate secret</button>
          <ConfirmButton
            label="Delete"
            name={`Delete webhook ${webhook.url}`}
            question={`Delete the webhook to ${webhook.url}? Its pending deliveries end dead.`}
            busy={busy}
            onConfirm={() => onAct("delete", webhook)}
          />
        </div>
      </td>
    </tr>
  );
}

const actions = {
  async test(webhook) {
    const accepted = await post(`/v1/webhooks/${webhook.id}/test`);
    return { message: `A webhook.test.v1 is on its way to ${webhook.url} (delivery ${accepted.deliveryId}).` };
  },
  async rotate(webhook) {
    const rotated = await post(`/v1/webhooks/${webhook.id}/rotate-secret`);
    return { secret: { ...rotated, url: webhook.url }, message: `The secret of ${webhook.url} is rotated.` };
  },
  async delete(webhook) {
    await del(`/v1/webhooks/${webhook.id}`);
    return { message: `The webhook to ${webhook.url} is deleted.`, reload: true };
  },
};

export function Webhooks() {
  const webhooks = useLoad(() => get("/v1/webhooks"), []);
  const [secret, setSecret] = useState(null);
  const [message, setMessage] = useState(null);
  const [selectedId, setSelectedId] = useState(null);
  const action = useAction();

  function act(name, webhook) {
    setMessage(null);
    action.run(async () => {
      const result = await actions[name](webhook);
      setMessage(result.message);
      if (result.secret) {
        setSecret(result.secret);
      }
      if (result.reload) {
        webhooks.reload();
      }
    });
  }

  const items = webhooks.data?.items ?? [];
  const selected = items.find((w) => w.id === selectedId);
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      <CreateWebhook onCreated={(created) => { setSecret(created); setMessage(`The webhook to ${created.url} is created.`); webhooks.reload(); }} />
      {secret && (
        <ShownOnce id="webhook-secret" title={`Signing secret of ${secret.url ?? "the webhook"}`} label="The signing secret" value={secret.secret} onDone={() => setSecret(null)}>
          {secret.previousSecretExpiresAt && <p class="hint">The previous secret keeps signing beside it until {when(secret.previousSecretExpiresAt)}.</p>}
        </ShownOnce>
      )}
      <p role="status">{message}</p>
      <Problem error={webhooks.error ?? action.error} />
      {webhooks.loading && !webhooks.data && <Loading what="the webhooks" />}
      {webhooks.data && (
        <div class="table-scroll">
          <table>
            <caption>{items.length} of at most 20 endpoints</caption>
            <thead><tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">Created</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
            <tbody>
              {items.map((w) => (
                <WebhookRow key={w.id} webhook={w} selected={w.id === selectedId} busy={action.busy}
                  onSelect={() => setSelectedId(w.id === selectedId ? null : w.id)} onAct={act} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected && <Deliveries key={selected.id} webhook={selected} />}
    </section>
  );
}
