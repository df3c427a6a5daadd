-- Tenants and their API keys: keys are stored only as SHA-256 hashes.
CREATE TABLE tenants (
    tenant_id   text PRIMARY KEY,
    name        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    key_id      uuid PRIMARY KEY,
    tenant_id   text NOT NULL REFERENCES tenants (tenant_id),
    key_hash    bytea NOT NULL UNIQUE,
    key_prefix  text NOT NULL,
    role        text NOT NULL CHECK (role IN ('decider', 'analyst', 'reviewer', 'admin')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

-- Kept apart from decisions (partitioned by month, migration 0002); decided_at with decision_id is the
-- decision's key, so a replay reaches its partition directly.
CREATE TABLE idempotency_keys (
    tenant_id        text NOT NULL,
    idempotency_key  text NOT NULL,
    request_hash     bytea NOT NULL,
    decision_id      uuid NOT NULL,
    decided_at       timestamptz NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, idempotency_key)
);

-- Transactional outbox: written in the decision's transaction, relayed to the broker later.
CREATE TABLE outbox (
    outbox_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id     text NOT NULL,
    event_type    text NOT NULL,
    aggregate_id  uuid NOT NULL,
    payload       jsonb NOT NULL,
    trace_id      text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz
);

CREATE INDEX outbox_unpublished ON outbox (outbox_id) WHERE published_at IS NULL;
