using FluentMigrator;

namespace Migrator.Migrations;

[Migration(4, "row-level security for the services' role")]
public sealed class RowLevelSecurity : ScriptMigration;
