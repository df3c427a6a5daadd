using FluentMigrator;

namespace Migrator.Migrations;

[Migration(7, "decisions without the per-insert tenant key lock")]
public sealed class DecisionsWithoutTenantKeyLock : ScriptMigration;
