-- What each challenger model said about a decision, scored after the decision was answered. Keyed like
-- the decision (tenant, time, id) so the comparison joins reach one partition per decision.
CREATE TABLE challenger_scores (
    tenant_id      text NOT NULL,
    decided_at     timestamptz NOT NULL,
    decision_id    uuid NOT NULL,
    model_name     text NOT NULL,
    model_version  text NOT NULL,
    pd             double precision NOT NULL,
    score          integer NOT NULL,
    grade          text NOT NULL,
    reason_codes   text[] NOT NULL,
    scored_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, decided_at, decision_id, model_name)
);

CREATE INDEX challenger_scores_by_model ON challenger_scores (tenant_id, model_name, decided_at);

GRANT SELECT, INSERT ON challenger_scores TO decisioning_app;
ALTER TABLE challenger_scores ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON challenger_scores
    USING (tenant_id = current_setting('decisioning.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('decisioning.tenant_id', true));
