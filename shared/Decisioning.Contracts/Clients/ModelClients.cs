using Decisioning.Contracts.Clients;
using Grpc.Core;

namespace Decisioning.Contracts.Scoring.V1
{
    public static partial class CreditScoring
    {
        public partial class CreditScoringClient : IChannelClient
        {
            CallInvoker IChannelClient.Invoker => CallInvoker;
        }
    }
}

namespace Decisioning.Contracts.Pricing.V1
{
    public static partial class Pricing
    {
        public partial class PricingClient : IChannelClient
        {
            CallInvoker IChannelClient.Invoker => CallInvoker;
        }
    }
}
