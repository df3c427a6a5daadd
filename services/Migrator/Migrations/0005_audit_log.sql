-- The audit log: who read or changed what, when and from where. Each tenant's rows form a hash chain
-- (every row carries the SHA-256 of the previous row's hash and its own content), and the chain's head
-- (latest sequence number and hash) is kept apart, updated in the row's transaction, so that an edited
-- row, a deleted one and a cut-off tail are all detectable. The services may append and read, never
-- change or delete a row.
CREATE TABLE audit_log (
    tenant_id       text NOT NULL,
    seq             bigint NOT NULL,
    occurred_at     timestamptz NOT NULL,
    actor_key_id    uuid NOT NULL,
    actor_role      text NOT NULL,
    action          text NOT NULL,
    target          text NOT NULL,
    remote_address  text,
    prev_hash       bytea NOT NULL,
    row_hash        bytea NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);

-- One row per tenant; locking it serialises that tenant's appends, so its chain never forks.
CREATE TABLE audit_chain_heads (
    tenant_id  text PRIMARY KEY,
    last_seq   bigint NOT NULL,
    last_hash  bytea NOT NULL
);

GRANT SELECT, INSERT ON audit_log TO decisioning_app;
GRANT SELECT, INSERT, UPDATE ON audit_chain_heads TO decisioning_app;

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log
    USING (tenant_id = current_setting('decisioning.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('decisioning.tenant_id', true));

ALTER TABLE audit_chain_heads ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_chain_heads
    USING (tenant_id = current_setting('decisioning.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('decisioning.tenant_id', true));
