using FluentMigrator;

namespace Migrator.Migrations;

[Migration(6, "challenger model scores")]
public sealed class ChallengerScores : ScriptMigration;
