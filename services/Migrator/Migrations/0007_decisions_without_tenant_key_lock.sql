-- A decision's tenant is the tenant of the API key that made it, and api_keys keeps its foreign key to tenants
-- (tenants are never deleted). The foreign key from decisions checked that once more on every insert by locking
-- the tenant's row FOR KEY SHARE: with concurrent decisions of one tenant each check created a multixact and
-- rewrote that one row's lock, about one multixact per decision, all contending on one tuple. The check is dropped;
-- the tenant of every stored decision still exists because its key's does.
ALTER TABLE decisions DROP CONSTRAINT IF EXISTS decisions_tenant_id_fkey;
