using System.Security.Cryptography;
using Decisioning.Data;
using Microsoft.Extensions.Options;

namespace Gateway.History;

public static class HistoryServices
{
    public static IHostApplicationBuilder AddHistory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DecisionHistoryStore>();
        builder.Services.AddSingleton<BacktestStore>();
        builder.Services.AddSingleton(services =>
        {
            var configured = services.GetRequiredService<IOptions<HistoryOptions>>().Value.CursorKey;
            if (string.IsNullOrEmpty(configured))
            {
                services.GetRequiredService<ILogger<HistoryCursor>>().LogWarning("History:CursorKey is not set: page cursors are signed with a key of this process only and stop working when it restarts.");
                return new HistoryCursor(RandomNumberGenerator.GetBytes(32));
            }

            var key = Convert.FromBase64String(configured);
            return key.Length >= 32 ? new HistoryCursor(key) : throw new InvalidOperationException("History:CursorKey must be at least 32 bytes (base64).");
        });
        return builder;
    }
}
