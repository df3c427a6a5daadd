using FluentMigrator;

namespace Migrator.Migrations;

[Migration(9, "backtests, their chunks and the scores of decisions with outcomes")]
public sealed class Backtests : ScriptMigration;
