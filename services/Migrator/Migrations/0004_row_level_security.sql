-- Row-level security: a second wall behind the application's tenant filter. The services connect as
-- decisioning_app, which sees and writes only the rows of the tenant its transaction names in the
-- setting decisioning.tenant_id; with no tenant set it sees nothing. The owner of the tables (the
-- migration runner, partition maintenance, seeding) is not subject to the policies.
DO $$
BEGIN
    CREATE ROLE decisioning_app NOLOGIN;
EXCEPTION
    -- Roles belong to the cluster: another database of it may have created the role already.
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO decisioning_app;
GRANT SELECT, INSERT, UPDATE ON decisions, idempotency_keys, outbox, api_keys, review_cases, loan_outcomes TO decisioning_app;
GRANT USAGE ON SEQUENCE outbox_outbox_id_seq TO decisioning_app;

-- Names the tenant for the rest of the transaction (the implicit one of a multi-statement command, too).
-- A procedure rather than SELECT set_config(...), so that it returns no result set ahead of the query's own.
CREATE PROCEDURE set_decisioning_tenant(tenant text)
LANGUAGE sql AS $$
    SELECT set_config('decisioning.tenant_id', tenant, true)
$$;

DO $$
DECLARE
    tenant_table text;
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY['decisions', 'idempotency_keys', 'outbox', 'api_keys', 'review_cases', 'loan_outcomes'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format($policy$
            CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = current_setting('decisioning.tenant_id', true))
            WITH CHECK (tenant_id = current_setting('decisioning.tenant_id', true))
            $policy$, tenant_table);
    END LOOP;
END
$$;

-- Authentication looks a key up by its hash before any tenant is known: this function, running as
-- its owner, returns the one active key with that hash and nothing else.
CREATE FUNCTION find_active_api_key(hash bytea)
RETURNS TABLE (key_id uuid, tenant_id text, role text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
    SELECT k.key_id, k.tenant_id, k.role
    FROM public.api_keys k
    WHERE k.key_hash = hash AND k.revoked_at IS NULL
$$;

REVOKE ALL ON FUNCTION find_active_api_key(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION find_active_api_key(bytea) TO decisioning_app;
