using System.Text.Json.Nodes;

namespace Decisioning.Benchmarks.Fuzzing;

/// <summary>The valid bodies of the Gateway's contracts, and what is wrong with each field's value.</summary>
public static class BodySchemas
{
    public const int DefaultMaxBytes = 16 * 1024;
    public const int OutcomesMaxBytes = 256 * 1024;

    public static BodySchema For(FuzzBody body) => body switch
    {
        FuzzBody.Decision => Decision,
        FuzzBody.Replay => Replay,
        FuzzBody.Backtest => Backtest,
        FuzzBody.Resolve => Resolve,
        FuzzBody.Outcomes => Outcomes,
        FuzzBody.Key => Key,
        FuzzBody.Webhook => Webhook,
        FuzzBody.GraphQl => GraphQl,
        _ => throw new ArgumentOutOfRangeException(nameof(body), body, "This route takes no body."),
    };

    private static readonly BodySchema Decision = new(
        index => new JsonObject
        {
            ["applicationId"] = $"FZ-{index}",
            ["product"] = "personal_loan",
            ["amount"] = 5000,
            ["termMonths"] = 24,
            ["purpose"] = "car_used",
            ["applicant"] = new JsonObject
            {
                ["age"] = 35,
                ["checkingAccount"] = "lt_0",
                ["creditHistory"] = "existing_paid",
                ["savings"] = "lt_100",
                ["employment"] = "1_to_4y",
                ["installmentRatePct"] = 2,
                ["otherDebtors"] = "none",
                ["residenceYears"] = 2,
                ["property"] = "car_other",
                ["otherInstallmentPlans"] = "none",
                ["housing"] = "own",
                ["existingCredits"] = 1,
                ["job"] = "skilled",
                ["dependents"] = 1,
                ["telephone"] = false,
            },
        },
        [
            new("applicationId", FieldKind.Text, true, "\"\"", "\"has space\"", $"\"{new string('A', 101)}\"", "\"a/b\"", "\"\u00fcn\u00efcode\"", "\"LA-1\\n\"", "\"\\u0000\""),
            new("product", FieldKind.Text, true, "\"\"", "\"mortgage\"", "\"Personal_Loan\"", "\"personal_loan \""),
            new("amount", FieldKind.Decimal, true, "0", "-1", "249.99", "20000.01", "1e20", "5000.001", "79228162514264337593543950335"),
            new("termMonths", FieldKind.Integer, true, "0", "5", "73", "-12", "2147483647"),
            Choice("purpose", "car_used"),
            new("applicant", FieldKind.Object, true),
            new("applicant.age", FieldKind.Integer, true, "17", "101", "0", "-1", "2147483647"),
            Choice("applicant.checkingAccount", "lt_0"),
            Choice("applicant.creditHistory", "existing_paid"),
            Choice("applicant.savings", "lt_100"),
            Choice("applicant.employment", "1_to_4y"),
            new("applicant.installmentRatePct", FieldKind.Integer, true, "0", "5"),
            Choice("applicant.otherDebtors", "none"),
            new("applicant.residenceYears", FieldKind.Integer, true, "0", "5"),
            Choice("applicant.property", "car_other"),
            Choice("applicant.otherInstallmentPlans", "none"),
            Choice("applicant.housing", "own"),
            new("applicant.existingCredits", FieldKind.Integer, true, "0", "5"),
            Choice("applicant.job", "skilled"),
            new("applicant.dependents", FieldKind.Integer, true, "0", "3"),
            new("applicant.telephone", FieldKind.Bool, true),
        ],
        RefusesUnknownFields: false,
        DefaultMaxBytes);

    private static readonly BodySchema Replay = new(
        _ => new JsonObject { ["policyVersion"] = "policy-1" },
        [
            new("policyVersion", FieldKind.Text, false, "\"\"", "\"has space\"", $"\"{new string('p', 65)}\""),
            new("model", FieldKind.Text, false, "\"german\"", "\"GERMAN/1\"", "\"german/one\"", "\"\""),
            new("pricingVersion", FieldKind.Text, false, "\"\"", "\"a b\""),
        ],
        RefusesUnknownFields: true,
        DefaultMaxBytes);

    private static readonly BodySchema Backtest = new(
        _ => new JsonObject
        {
            ["from"] = "2026-11-01",
            ["to"] = "2026-11-08",
            ["filters"] = new JsonObject { ["outcome"] = "refer" },
            ["candidate"] = new JsonObject { ["policyVersion"] = "policy-1" },
        },
        [
            new("from", FieldKind.Text, true, "\"yesterday\"", "\"2026-13-01\"", "\"\"", "\"0001-01-01\"", "\"2027-01-01\"", "\"9999-12-31T23:59:59+14:00\""),
            new("to", FieldKind.Text, true, "\"yesterday\"", "\"2026-10-01\"", "\"9999-12-31\"", "\"\"", "\"0001-01-01\""),
            new("filters", FieldKind.Object, false, "{\"nope\":\"x\"}", "{\"outcome\":\"maybe\"}", "{\"outcome\":{}}", "{\"from\":\"2026-11-01\"}",
                "{\"minPd\":2}", "{\"grade\":[\"A\"]}", "{\"limit\":10}", "{\"cursor\":\"x\"}", "{\"minPd\":0.9,\"maxPd\":0.1}", "{\"reason\":\"\"}"),
            new("candidate", FieldKind.Object, true, "{}", "{\"model\":null}"),
            new("candidate.policyVersion", FieldKind.Text, true, "\"\"", "\"no such\"", "\"policy-999\""),
            new("candidate.model", FieldKind.Text, false, "\"german\"", "\"GERMAN/1\"", "\"\""),
        ],
        RefusesUnknownFields: true,
        DefaultMaxBytes);

    private static readonly BodySchema Resolve = new(
        _ => new JsonObject { ["outcome"] = "decline", ["reason"] = "AFFORDABILITY", ["note"] = "checked payslips" },
        [
            new("outcome", FieldKind.Text, true, "\"\"", "\"refer\"", "\"APPROVE\""),
            new("reason", FieldKind.Text, true, "\"\"", "\"lower\"", $"\"{new string('A', 65)}\"", "\"HAS SPACE\""),
            new("note", FieldKind.Text, false, $"\"{new string('n', 2001)}\""),
        ],
        RefusesUnknownFields: false,
        DefaultMaxBytes);

    // Rows are judged one by one (a row's bad value is reported in a 200), so only what fails the whole batch is used.
    private static readonly BodySchema Outcomes = new(
        index => new JsonObject
        {
            ["outcomes"] = new JsonArray(new JsonObject
            {
                ["decisionId"] = Guid.Empty.ToString(),
                ["status"] = "repaid",
                ["observedAt"] = "2026-11-01",
            }),
        },
        [
            new("outcomes", FieldKind.ObjectArray, true, "[]"),
            new("outcomes.0.decisionId", FieldKind.Text, false),
            new("outcomes.0.status", FieldKind.Text, false),
            new("outcomes.0.observedAt", FieldKind.Text, false),
        ],
        RefusesUnknownFields: false,
        OutcomesMaxBytes);

    // GraphQL over HTTP: a query that cannot run (unparsable, unknown field, a mutation, a variable of the wrong type, an
    // operation the document lacks) is refused before it executes.
    private static readonly BodySchema GraphQl = new(
        _ => new JsonObject
        {
            ["query"] = "query Page($first: Int) { decisions(first: $first) { pageInfo { hasNextPage } } }",
            ["variables"] = new JsonObject { ["first"] = 5 },
        },
        [
            new("query", FieldKind.Text, true, "\"\"", "\"{\"", "\"mutation { decisions }\"", "\"{ nope }\"", "\"{ decisions { secret } }\""),
            new("variables", FieldKind.Object, false, "{\"first\": \"five\"}"),
            new("operationName", FieldKind.Text, false, "\"Missing\""),
        ],
        RefusesUnknownFields: false,
        DefaultMaxBytes);

    private static readonly BodySchema Key = new(
        _ => new JsonObject { ["role"] = "decider" },
        [new("role", FieldKind.Text, true, "\"\"", "\"root\"", "\"Admin\"", "\"admin \"", "\"decider,admin\"")],
        RefusesUnknownFields: false,
        DefaultMaxBytes);

    private static readonly BodySchema Webhook = new(
        _ => new JsonObject
        {
            ["url"] = "http://127.0.0.1:9/fuzz",
            ["events"] = new JsonArray("decision.made.v1"),
            ["description"] = "fuzz",
        },
        [
            new("url", FieldKind.Text, true, "\"\"", "\"not a url\"", "\"ftp://127.0.0.1/x\"", "\"/relative\"", "\"javascript:alert(1)\"", "\"file:///etc/passwd\"",
                $"\"http://127.0.0.1/{new string('u', 2000)}\""),
            new("events", FieldKind.TextArray, true, "[]", "[\"nope\"]", "[\"decision.made.v1\",\"decision.made.v1\"]", "[null]", "[\"\"]"),
            new("description", FieldKind.Text, false, $"\"{new string('d', 501)}\""),
        ],
        RefusesUnknownFields: false,
        DefaultMaxBytes);

    // A value-set field: empty, unknown, another case or with a space are all refused.
    private static BodyField Choice(string path, string valid) =>
        new(path, FieldKind.Text, true, "\"\"", "\"unknown_value\"", $"\"{valid.ToUpperInvariant()}\"", $"\" {valid}\"", $"\"{valid}_x\"");
}
