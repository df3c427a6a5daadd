-- Model monitoring, computed by the Worker's scheduled jobs from the decisions: drift of the champion's inputs and
-- score against its training distribution, and approval rates by age band.

-- The population stability index of one feature (or of the score, feature 'score') of one tenant's decisions of one
-- day (UTC) by one model version, against that version's training distribution.
CREATE TABLE model_drift (
    tenant_id      text NOT NULL,
    model_name     text NOT NULL,
    model_version  text NOT NULL,
    day            date NOT NULL,
    feature        text NOT NULL,
    psi            double precision NOT NULL,
    decisions      int NOT NULL,
    computed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, model_name, day, model_version, feature)
);

-- One tenant's decisions of one day (UTC) by the applicant's age band, and how many were approved.
CREATE TABLE fairness_daily (
    tenant_id    text NOT NULL,
    day          date NOT NULL,
    age_band     text NOT NULL,
    decisions    int NOT NULL,
    approved     int NOT NULL CHECK (approved <= decisions),
    computed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, day, age_band)
);

GRANT SELECT, INSERT, UPDATE ON model_drift, fairness_daily TO decisioning_app;

ALTER TABLE model_drift ENABLE ROW LEVEL SECURITY;
ALTER TABLE fairness_daily ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON model_drift
    USING (tenant_id = current_setting('decisioning.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('decisioning.tenant_id', true));
CREATE POLICY tenant_isolation ON fairness_daily
    USING (tenant_id = current_setting('decisioning.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('decisioning.tenant_id', true));
