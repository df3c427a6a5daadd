// One webhook's deliveries, newest first: a status filter, keyset paging with the Gateway's cursor, and a redrive
// for the dead ones.
import { useState } from "preact/hooks";
import { useAction } from "../../action.js";
import { get, post, query } from "../../api.js";
import { Loading, Problem, useLoad, when } from "../../ui.jsx";

const statuses = ["pending", "failed", "delivered", "dead"];
const pageSize = 20;

function DeliveryRow({ delivery, busy, onRedrive }) {
  return (
    <tr>
      <td>{when(delivery.createdAt)}</td>
      <td><code>{delivery.eventType}</code></td>
      <td><span class={`delivery ${delivery.status}`}>{delivery.status}</span></td>
      <td>{delivery.attempts}</td>
      <td>{delivery.lastStatusCode ?? "–"}{delivery.lastError && <div class="hint">{delivery.lastError}</div>}</td>
      <td>{delivery.deliveredAt ? `delivered ${when(delivery.deliveredAt)}` : when(delivery.nextAttemptAt)}</td>
      <td>
        {delivery.status === "dead" && (
          <button type="button" class="secondary" aria-label={`Redrive delivery ${delivery.deliveryId}`} disabled={busy} onClick={() => onRedrive(delivery)}>Redrive</button>
        )}
      </td>
    </tr>
  );
}

export function Deliveries({ webhook }) {
  const [status, setStatus] = useState("");
  // cursors[i] opens page i; page 0 has none.
  const [cursors, setCursors] = useState([null]);
  const pageIndex = cursors.length - 1;
  const page = useLoad(
    () => get(`/v1/webhooks/${webhook.id}/deliveries${query({ status, limit: pageSize, cursor: cursors[pageIndex] })}`),
    [webhook.id, status, cursors],
  );
  const redrive = useAction();
  const [message, setMessage] = useState(null);

  function redriveDelivery(delivery) {
    setMessage(null);
    redrive.run(async () => {
      await post(`/v1/webhooks/${webhook.id}/deliveries/${delivery.deliveryId}/redrive`);
      setMessage(`Delivery ${delivery.deliveryId} is pending again, on a new schedule.`);
      page.reload();
    });
  }

  const items = page.data?.items ?? [];
  return (
    <section aria-labelledby="deliveries-title">
      <h3 id="deliveries-title">Deliveries to {webhook.url}</h3>
      <div class="toolbar">
        <label for="delivery-status">Status
          <select id="delivery-status" value={status} onChange={(e) => { setStatus(e.currentTarget.value); setCursors([null]); }}>
            <option value="">any</option>
            {statuses.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <button type="button" class="secondary" onClick={page.reload}>Refresh</button>
      </div>
      <p role="status">{message}</p>
      <Problem error={page.error ?? redrive.error} />
      {page.loading && <Loading what="the deliveries" />}
      {!page.loading && !page.error && (
        <>
          <div class="table-scroll">
            <table>
              <caption>Page {pageIndex + 1}: {items.length} deliveries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Created</th><th scope="col">Event</th><th scope="col">Status</th><th scope="col">Attempts</th>
                  <th scope="col">Last answer</th><th scope="col">Delivered / next attempt</th><th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => <DeliveryRow key={d.deliveryId} delivery={d} busy={redrive.busy} onRedrive={redriveDelivery} />)}
              </tbody>
            </table>
          </div>
          {items.length === 0 && <p>No delivery{status ? ` is ${status}` : " yet"}.</p>}
          <nav class="pager" aria-label="Delivery pages">
            <button type="button" disabled={pageIndex === 0} onClick={() => setCursors(cursors.slice(0, -1))}>Previous page</button>
            <button type="button" disabled={!page.data?.nextCursor} onClick={() => setCursors([...cursors, page.data.nextCursor])}>Next page</button>
          </nav>
        </>
      )}
    </section>
  );
}
