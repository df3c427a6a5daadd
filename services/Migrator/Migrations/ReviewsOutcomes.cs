using FluentMigrator;

namespace Migrator.Migrations;

[Migration(3, "review cases and loan outcomes")]
public sealed class ReviewsOutcomes : ScriptMigration;
