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

-- One row per decision; "document" is the response byte for byte as the API returned it (json, not jsonb, keeps it so),
-- "request" the application as received, so a past decision can be audited and replayed.
CREATE TABLE decisions (
    tenant_id        text NOT NULL REFERENCES tenants (tenant_id),
    decision_id      uuid NOT NULL,
    application_id   text NOT NULL,
    outcome          text NOT NULL CHECK (outcome IN ('approve', 'decline', 'refer')),
    product          text NOT NULL,
    amount           numeric(14, 2) NOT NULL,
    term_months      integer NOT NULL,
    pd               double precision,
    score            integer,
    grade            text,
    model_version    text,
    policy_version   text NOT NULL,
    pricing_version  text,
    reason_codes     text[] NOT NULL,
    decided_at       timestamptz NOT NULL,
    trace_id         text,
    request          jsonb NOT NULL,
    document         json NOT NULL,
    PRIMARY KEY (tenant_id, decision_id)
);

CREATE INDEX decisions_by_time ON decisions (tenant_id, decided_at DESC, decision_id DESC);

-- Kept apart from decisions so that decisions can later be partitioned by month.
CREATE TABLE idempotency_keys (
    tenant_id        text NOT NULL,
    idempotency_key  text NOT NULL,
    request_hash     bytea NOT NULL,
    decision_id      uuid NOT NULL,
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
