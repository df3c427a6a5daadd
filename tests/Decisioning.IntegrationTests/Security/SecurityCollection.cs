namespace Decisioning.IntegrationTests.Security;

// The OWASP test classes share one platform and run one after another (one of them stops its database for a while).
[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityPlatform>
{
    public const string Name = "Security";
}
