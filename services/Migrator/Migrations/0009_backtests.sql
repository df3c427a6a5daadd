-- Backtests: what a candidate policy or model would have decided on past decisions, run by the Workers in chunks.

-- One backtest. The range and filters are fixed when it is submitted; range_to never lies after the submission, so
-- no decision made later joins the selection. total is known once the backtest is planned into chunks; processed
-- grows in the same transaction as each chunk's result. result is final once status is succeeded; it is json, not
-- jsonb, so that its fields keep the order the Worker wrote them in.
CREATE TABLE backtests (
    tenant_id                 text NOT NULL,
    backtest_id               uuid NOT NULL,
    status                    text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    range_from                timestamptz NOT NULL,
    range_to                  timestamptz NOT NULL CHECK (range_to > range_from),
    filters                   jsonb NOT NULL,
    candidate_policy_version  text,
    candidate_model_version   text,
    chunk_size                int CHECK (chunk_size > 0),
    total                     bigint,
    processed                 bigint NOT NULL DEFAULT 0,
    created_at                timestamptz NOT NULL DEFAULT now(),
    created_by                uuid,
    started_at                timestamptz,
    finished_at               timestamptz,
    error                     text,
    result                    json,
    PRIMARY KEY (tenant_id, backtest_id),
    CHECK ((result IS NOT NULL) = (status = 'succeeded'))
);

-- A tenant's backtests newest first (the list API).
CREATE INDEX backtests_by_tenant ON backtests (tenant_id, created_at DESC, backtest_id DESC);

-- Work for the Workers: backtests to plan and backtests being run.
CREATE INDEX backtests_active ON backtests (created_at) WHERE status IN ('queued', 'running');

-- A backtest's chunks: the decisions after (after_at, after_id) up to and including (upto_at, upto_id), in the
-- order of the decisions' key. A Worker claims a chunk by taking a lease with a fresh token; it commits the chunk's
-- partial result only while its token is still the chunk's, so a Worker whose lease ran out (and whose chunk another
-- Worker took) cannot count the chunk again.
CREATE TABLE backtest_chunks (
    tenant_id    text NOT NULL,
    backtest_id  uuid NOT NULL,
    chunk_no     int NOT NULL,
    after_at     timestamptz,
    after_id     uuid,
    upto_at      timestamptz NOT NULL,
    upto_id      uuid NOT NULL,
    status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done')),
    lease_token  uuid,
    lease_until  timestamptz,
    worker       text,
    attempts     int NOT NULL DEFAULT 0,
    decisions    int,
    partial      jsonb,
    done_at      timestamptz,
    PRIMARY KEY (tenant_id, backtest_id, chunk_no),
    CHECK ((after_at IS NULL) = (after_id IS NULL)),
    CHECK ((partial IS NOT NULL) = (status = 'done'))
);

CREATE INDEX backtest_chunks_open ON backtest_chunks (tenant_id, backtest_id, chunk_no) WHERE status <> 'done';

-- The baseline's and the candidate's PD of each backtested decision with an observed outcome, for the AUCs: written
-- with its chunk's result, read once when the backtest is finished.
CREATE TABLE backtest_scores (
    tenant_id     text NOT NULL,
    backtest_id   uuid NOT NULL,
    decision_id   uuid NOT NULL,
    baseline_pd   double precision,
    candidate_pd  double precision,
    bad           boolean NOT NULL,
    PRIMARY KEY (tenant_id, backtest_id, decision_id)
);

GRANT SELECT, INSERT, UPDATE ON backtests, backtest_chunks, backtest_scores TO decisioning_app;

ALTER TABLE backtests ENABLE ROW LEVEL SECURITY;
ALTER TABLE backtest_chunks ENABLE ROW LEVEL SECURITY;
ALTER TABLE backtest_scores ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON backtests
    USING (tenant_id = current_setting('decisioning.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('decisioning.tenant_id', true));
CREATE POLICY tenant_isolation ON backtest_chunks
    USING (tenant_id = current_setting('decisioning.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('decisioning.tenant_id', true));
CREATE POLICY tenant_isolation ON backtest_scores
    USING (tenant_id = current_setting('decisioning.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('decisioning.tenant_id', true));
