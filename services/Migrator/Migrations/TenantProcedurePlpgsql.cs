using FluentMigrator;

namespace Migrator.Migrations;

[Migration(12, "the tenant procedure in PL/pgSQL, planned once per session")]
public sealed class TenantProcedurePlpgsql : ScriptMigration;
