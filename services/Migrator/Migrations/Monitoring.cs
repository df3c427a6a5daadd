using FluentMigrator;

namespace Migrator.Migrations;

[Migration(11, "model drift and approval rates by age band")]
public sealed class Monitoring : ScriptMigration;
