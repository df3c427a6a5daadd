using System.Globalization;
using System.Security.Claims;
using System.Text;
using Decisioning.Data;
using Gateway.Auth;

namespace Gateway.Audit;

// Appends the caller's action to the tenant's audit chain, in the request, before the answer: an action
// that cannot be audited is not answered. Never called on the decision POST path.
public sealed class AuditTrail(AuditStore store, TimeProvider clock)
{
    public Task RecordAsync(HttpContext context, string action, string target)
    {
        var user = context.User;
        var entry = new AuditEntry(
            user.TenantId(),
            0,
            clock.GetUtcNow().UtcDateTime,
            user.KeyId(),
            user.FindFirstValue(ClaimTypes.Role) ?? "",
            action,
            target,
            context.Connection.RemoteIpAddress?.ToString());
        return store.AppendAsync(entry, context.RequestAborted);
    }

    // Reads of decision data are audited for the roles that read across applications; a decider reading
    // back the decision its own application just received is the lending app's normal flow.
    public Task RecordReadAsync(HttpContext context, string action, string target) =>
        context.User.IsInRole(Roles.Analyst) || context.User.IsInRole(Roles.Admin) ? RecordAsync(context, action, target) : Task.CompletedTask;

    // What a history query asked for, without applicant data: the application id is only said to be there.
    public static string QuerySummary(HistoryFilter filter, string? groupBy = null, int? limit = null, bool nextPage = false)
    {
        var summary = new StringBuilder();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                summary.Append(summary.Length == 0 ? "" : " ").Append(name).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }

        Add("from", filter.From.ToString("O", CultureInfo.InvariantCulture));
        Add("to", filter.To.ToString("O", CultureInfo.InvariantCulture));
        Add("outcome", filter.Outcome);
        Add("product", filter.Product);
        Add("grade", filter.Grade);
        Add("modelVersion", filter.ModelVersion);
        Add("policyVersion", filter.PolicyVersion);
        Add("minPd", filter.MinPd);
        Add("maxPd", filter.MaxPd);
        Add("applicationId", filter.ApplicationId is null ? null : "(given)");
        Add("reason", filter.Reason);
        Add("groupBy", groupBy);
        Add("limit", limit);
        Add("page", nextPage ? "next" : null);
        return summary.ToString();
    }
}
