using FluentMigrator;

namespace Migrator.Migrations;

[Migration(8, "webhook endpoints, deliveries and the consumer's inbox")]
public sealed class Webhooks : ScriptMigration;
