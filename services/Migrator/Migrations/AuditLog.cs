using FluentMigrator;

namespace Migrator.Migrations;

[Migration(5, "hash-chained audit log")]
public sealed class AuditLog : ScriptMigration;
