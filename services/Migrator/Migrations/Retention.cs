using FluentMigrator;

namespace Migrator.Migrations;

[Migration(13, "delivered webhook deliveries indexed by delivery time, for the retention job")]
public sealed class Retention : ScriptMigration;
