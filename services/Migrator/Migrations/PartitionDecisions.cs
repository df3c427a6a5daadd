using FluentMigrator;

namespace Migrator.Migrations;

[Migration(2, "decisions partitioned by month")]
public sealed class PartitionDecisions : ScriptMigration;
