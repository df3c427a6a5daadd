-- One review case per referred decision, written in the decision's own statement. No foreign key to
-- decisions, so that decisions can be partitioned by month without touching this table.
CREATE TABLE review_cases (
    tenant_id         text NOT NULL,
    decision_id       uuid NOT NULL,
    queued_at         timestamptz NOT NULL,
    claimed_by        uuid,
    claimed_at        timestamptz,
    lease_expires_at  timestamptz,
    resolved_at       timestamptz,
    final_outcome     text CHECK (final_outcome IN ('approve', 'decline')),
    reason            text,
    note              text,
    decided_by        uuid,
    decided_by_role   text,
    PRIMARY KEY (tenant_id, decision_id),
    CHECK ((resolved_at IS NULL) = (final_outcome IS NULL))
);

-- The claim query walks the tenant's unresolved cases oldest first.
CREATE INDEX review_cases_queue ON review_cases (tenant_id, queued_at, decision_id) WHERE resolved_at IS NULL;

-- "Which case do I hold?", asked first by every claim, without walking the whole open queue.
CREATE INDEX review_cases_held ON review_cases (tenant_id, claimed_by) WHERE resolved_at IS NULL;

-- What became of a loan: one current status per decision, corrected in place when it changes.
CREATE TABLE loan_outcomes (
    tenant_id    text NOT NULL,
    decision_id  uuid NOT NULL,
    -- The decision's time: with its id, the decision's key, so joins reach one partition.
    decided_at   timestamptz NOT NULL,
    status       text NOT NULL CHECK (status IN ('repaid', 'defaulted', 'charged_off')),
    observed_at  date NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, decision_id)
);

