using FluentMigrator;

namespace Migrator.Migrations;

[Migration(10, "Quartz job store and scheduled job runs")]
public sealed class Scheduler : ScriptMigration;
