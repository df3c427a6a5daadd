using Dapper;
using Decisioning.Data;
using Decisioning.IntegrationTests.Infrastructure;
using Npgsql;
using OpenTelemetry.Proto.Trace.V1;

namespace Decisioning.IntegrationTests.Worker;

public class OutboxRelayTracingTests(PostgresFixture postgres, RabbitMqFixture rabbit) : IClassFixture<PostgresFixture>, IClassFixture<RabbitMqFixture>
{
    [Fact]
    public async Task The_publish_is_a_span_in_the_decisions_trace_and_the_message_carries_it_to_consumers()
    {
        var connectionString = await postgres.NewDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Migrator.ApplyAsync(connectionString);
        await OutboxEvents.InsertAsync(dataSource, 1, "a");
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            // An event from before traces were stored: published without a traceparent.
            await connection.ExecuteAsync("INSERT INTO outbox (tenant_id, event_type, aggregate_id, payload) VALUES ('a', 'decision.made.v1', gen_random_uuid(), '{}')");
        }

        var traceId = await dataSource.CreateCommand("SELECT trace_id FROM outbox ORDER BY outbox_id LIMIT 1").ExecuteScalarAsync() as string;
        var exchange = "events-" + Guid.NewGuid().ToString("N")[..8];
        await using var queue = await EventQueue.BindAsync(rabbit.Server.AmqpUri, exchange);
        await using var receiver = await OtlpReceiver.StartAsync();
        var admin = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        await using var worker = await ServiceProcess.StartAsync(
            "Worker",
            new Dictionary<string, string>
            {
                ["Kestrel:Endpoints:Admin:Url"] = admin.ToString(),
                ["ConnectionStrings:Decisioning"] = connectionString,
                ["Outbox:RabbitMqUri"] = rabbit.Server.AmqpUri.ToString(),
                ["Outbox:Exchange"] = exchange,
            },
            new Uri(admin, "/alive").ToString(),
            new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            });

        var received = await queue.ReceiveUntilAsync(r => r.Count >= 2, TimeSpan.FromSeconds(30));
        Assert.Equal(2, received.Count);
        Assert.Null(received[1].TraceParent);
        var traceParent = received[0].TraceParent!.Split('-');
        Assert.Equal(traceId, traceParent[1]);

        var publish = await receiver.WaitForAsync(r => r.Spans.FirstOrDefault(s => s.TraceId == traceId && s.Span.Name == "decisioning.events publish"), "the relay's publish span");
        Assert.Equal(traceParent[2], publish.SpanId);
        Assert.Equal(Span.Types.SpanKind.Producer, publish.Span.Kind);
        // The Gateway's span that wrote the event is not stored, so the publish hangs under the trace id alone.
        Assert.Equal("", publish.ParentSpanId);
        Assert.Equal("Worker", publish.ServiceName);
        Assert.Equal("rabbitmq", publish.Attribute("messaging.system"));
        Assert.Equal(exchange, publish.Attribute("messaging.destination.name"));
        Assert.Equal("decision.made.v1", publish.Attribute("messaging.rabbitmq.destination.routing_key"));
        Assert.Equal(received[0].MessageId, publish.Attribute("messaging.message.id"));
    }
}
