using System.Reflection;
using FluentMigrator;

namespace Migrator.Migrations;

// A migration whose change is the embedded script of its version, run as it is (SQL says partitioning, functions and
// row-level security best). Its checksum is recorded in the migration's own transaction, beside FluentMigrator's row.
public abstract class ScriptMigration : ForwardOnlyMigration
{
    public override void Up()
    {
        var script = MigrationScript.Of(GetType().GetCustomAttribute<MigrationAttribute>()!.Version);
        Execute.Sql(script.Sql);
        Insert.IntoTable(SchemaMigrations.ChecksumTable).Row(new { version = script.Version, name = script.Name, checksum = script.Checksum });
    }
}
