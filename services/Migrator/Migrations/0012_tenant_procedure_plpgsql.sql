-- set_decisioning_tenant runs ahead of every statement the services make for a tenant. As a LANGUAGE sql procedure
-- its body was parsed, analysed and planned again on every call (about a tenth of the database's CPU per decision,
-- measured with perf under load); PL/pgSQL keeps the plan of its one statement for the session. Same name, argument
-- and effect: the tenant is set for the rest of the transaction, and no result set comes back.
CREATE OR REPLACE PROCEDURE set_decisioning_tenant(tenant text)
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('decisioning.tenant_id', tenant, true);
END
$$;
