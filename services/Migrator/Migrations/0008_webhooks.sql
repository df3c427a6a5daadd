-- Webhooks: where a tenant's lending app hears of its events, and every attempt to tell it.

-- A tenant's endpoints. The signing secret is kept as issued (Standard Webhooks signs with a shared key, so the
-- platform must hold it); after a rotation the previous secret signs too until previous_secret_expires_at.
-- Deleting an endpoint stamps deleted_at, so its deliveries stay explainable; a 410 Gone stamps disabled_at.
CREATE TABLE webhook_endpoints (
    tenant_id                   text NOT NULL,
    endpoint_id                 uuid NOT NULL,
    url                         text NOT NULL,
    events                      text[] NOT NULL CHECK (cardinality(events) > 0),
    description                 text,
    secret                      text NOT NULL,
    previous_secret             text,
    previous_secret_expires_at  timestamptz,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    disabled_at                 timestamptz,
    disabled_reason             text,
    deleted_at                  timestamptz,
    PRIMARY KEY (tenant_id, endpoint_id)
);

-- One delivery per event per endpoint. body is the exact JSON sent (signatures cover its bytes, so it is text, not
-- jsonb). status: pending (not tried yet, or redriven), failed (tried, next attempt scheduled), delivered, dead
-- (attempts exhausted, until redriven). next_attempt_at is set while the delivery waits for an attempt; a sender
-- claims a due delivery by moving it forward by a lease, so two senders never try one delivery at once and a
-- sender that dies mid-attempt leaves it to be claimed again when the lease runs out.
-- schedule_attempts counts the attempts of the current schedule (a redrive starts a new one); attempts all of them.
CREATE TABLE webhook_deliveries (
    tenant_id          text NOT NULL,
    delivery_id        uuid NOT NULL,
    endpoint_id        uuid NOT NULL,
    event_id           uuid NOT NULL,
    event_type         text NOT NULL,
    body               text NOT NULL,
    trace_id           text,
    status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'failed', 'delivered', 'dead')),
    attempts           int NOT NULL DEFAULT 0,
    schedule_attempts  int NOT NULL DEFAULT 0,
    last_status_code   int,
    last_error         text,
    next_attempt_at    timestamptz DEFAULT now(),
    created_at         timestamptz NOT NULL DEFAULT now(),
    delivered_at       timestamptz,
    PRIMARY KEY (tenant_id, endpoint_id, delivery_id),
    CHECK ((next_attempt_at IS NULL) = (status IN ('delivered', 'dead')))
);

-- An event reaches an endpoint once, however often its message is redelivered.
CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (endpoint_id, event_id);

-- An endpoint's deliveries newest first, keyset paged (the deliveries API).
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (tenant_id, endpoint_id, created_at DESC, delivery_id DESC);

-- The senders' queue: due deliveries, oldest first.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL;

-- Dead deliveries, for the gauge.
CREATE INDEX webhook_deliveries_dead ON webhook_deliveries (tenant_id) WHERE status = 'dead';

-- The consumer's inbox: the broker message ids already turned into deliveries. A redelivered message finds its id
-- here and creates nothing; rows older than the broker could redeliver are removed by the Worker.
CREATE TABLE webhook_inbox (
    message_id   text PRIMARY KEY,
    received_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX webhook_inbox_received ON webhook_inbox (received_at);

-- Serialises one tenant's endpoint creations for the rest of the transaction, so that the limit on endpoints per
-- tenant is checked by a statement that sees every endpoint created before it. A procedure, so that it returns no
-- result set ahead of the insert's own.
CREATE PROCEDURE lock_webhook_endpoints(tenant text)
LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(hashtextextended('webhook_endpoints:' || tenant, 0))
$$;

GRANT SELECT, INSERT, UPDATE ON webhook_endpoints, webhook_deliveries TO decisioning_app;

ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_endpoints
    USING (tenant_id = current_setting('decisioning.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('decisioning.tenant_id', true));
CREATE POLICY tenant_isolation ON webhook_deliveries
    USING (tenant_id = current_setting('decisioning.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('decisioning.tenant_id', true));
