using FluentMigrator;

namespace Migrator.Migrations;

[Migration(1, "decisions, API keys, idempotency keys, outbox")]
public sealed class Decisions : ScriptMigration;
