namespace Gateway.Audit;

// The actions the audit log records.
public static class AuditActions
{
    public const string ReadDecision = "decision.read";
    public const string ReadApplication = "decision.read_application";
    public const string ReplayDecision = "decision.replay";
    public const string CreateBacktest = "backtest.create";
    public const string CancelBacktest = "backtest.cancel";
    public const string ListDecisions = "decisions.list";
    public const string DecisionStats = "decisions.stats";
    public const string ExportDecisions = "decisions.export";
    public const string ClaimReview = "review.claim";
    public const string ResolveReview = "review.resolve";
    public const string ReleaseReview = "review.release";
    public const string CreateKey = "key.create";
    public const string RevokeKey = "key.revoke";
    public const string RecordOutcomes = "outcomes.record";
    public const string CreateWebhook = "webhook.create";
    public const string DeleteWebhook = "webhook.delete";
    public const string RotateWebhookSecret = "webhook.rotate_secret";
    public const string RedriveWebhookDelivery = "webhook.redrive";
}
