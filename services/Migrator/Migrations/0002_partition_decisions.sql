-- Decisions partitioned by month of decided_at, so history queries touch only the months they ask
-- for and old months can be detached by retention. The key starts with tenant and time: every
-- query filters on the tenant, and a decision's time is in its UUIDv7 id, so a lookup by id
-- still reaches exactly one partition. "document" is the response byte for byte as the API returned it
-- (json, not jsonb, keeps it so), "request" the application as received, so a decision can be audited and replayed.
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
    PRIMARY KEY (tenant_id, decided_at, decision_id)
) PARTITION BY RANGE (decided_at);

-- The history filters that narrow most get an index each; the others ride on the key's time order.
CREATE INDEX decisions_by_outcome ON decisions (tenant_id, outcome, decided_at, decision_id);
CREATE INDEX decisions_by_application ON decisions (tenant_id, application_id, decided_at DESC, decision_id DESC);

-- Rows outside every monthly partition land here rather than failing a decision.
CREATE TABLE decisions_default PARTITION OF decisions DEFAULT;

-- Creates the monthly partitions from the month of from_month to months_ahead months after the
-- current one; existing ones are left alone. Returns the names it created.
CREATE FUNCTION ensure_decision_partitions(from_month date, months_ahead integer)
RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
    month date := date_trunc('month', from_month)::date;
    last_month date := (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => months_ahead))::date;
    name text;
BEGIN
    WHILE month <= last_month LOOP
        name := format('decisions_y%sm%s', to_char(month, 'YYYY'), to_char(month, 'MM'));
        IF to_regclass(name) IS NULL THEN
            -- Months are UTC months, whatever the session's time zone.
            EXECUTE format('CREATE TABLE %I PARTITION OF decisions FOR VALUES FROM (%L) TO (%L)', name,
                           to_char(month, 'YYYY-MM-DD') || ' 00:00:00+00',
                           to_char((month + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00');
            RETURN NEXT name;
        END IF;
        month := (month + interval '1 month')::date;
    END LOOP;
END;
$$;

-- Detaches (does not drop) the monthly partitions that end before the retention horizon; an
-- archive job can then dump and drop them. Returns the names it detached.
CREATE FUNCTION detach_expired_decision_partitions(retention_months integer)
RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
    horizon timestamp := date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => retention_months);
    partition record;
BEGIN
    FOR partition IN
        SELECT c.relname
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'decisions'::regclass AND c.relname ~ '^decisions_y[0-9]{4}m[0-9]{2}$'
          AND to_date(substr(c.relname, 12, 4) || substr(c.relname, 17, 2), 'YYYYMM') + interval '1 month' <= horizon
        ORDER BY c.relname
    LOOP
        EXECUTE format('ALTER TABLE decisions DETACH PARTITION %I', partition.relname);
        RETURN NEXT partition.relname;
    END LOOP;
END;
$$;

SELECT ensure_decision_partitions((date_trunc('month', now() AT TIME ZONE 'UTC') - interval '24 months')::date, 3);
