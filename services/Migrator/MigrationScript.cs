using System.Security.Cryptography;
using System.Text;

namespace Migrator;

// One embedded Migrations/NNNN_name.sql script. Its checksum (SHA-256 of the text with line endings normalised) is
// recorded when it is applied, so that a script edited after it was applied is refused rather than silently skipped.
public sealed record MigrationScript(long Version, string Name, string Sql, string Checksum)
{
    private const string Folder = "Migrations/";

    public static IReadOnlyList<MigrationScript> Embedded { get; } = Load();

    public static MigrationScript Of(long version) =>
        Embedded.SingleOrDefault(s => s.Version == version) ?? throw new InvalidOperationException($"No script {Folder}{version:D4}_*.sql is embedded.");

    private static List<MigrationScript> Load()
    {
        var assembly = typeof(MigrationScript).Assembly;
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var name = resource[Folder.Length..^".sql".Length];
            var separator = name.IndexOf('_');
            if (separator <= 0 || !long.TryParse(name[..separator], out var version))
            {
                throw new InvalidOperationException($"Migration script '{resource}' is not named NNNN_description.sql.");
            }

            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!, Encoding.UTF8);
            var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
            scripts.Add(new MigrationScript(version, name, sql, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)))));
        }

        return scripts.OrderBy(s => s.Version).ToList();
    }
}
