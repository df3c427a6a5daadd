namespace Decisioning.IntegrationTests.Console;

// The console's API tests and browser tests share one seeded platform.
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "Console";
}
