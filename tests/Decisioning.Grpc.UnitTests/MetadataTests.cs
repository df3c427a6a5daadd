namespace Decisioning.Grpc.UnitTests;

public sealed class MetadataTests
{
    [Fact]
    public void Keys_are_lower_cased()
    {
        var metadata = new Metadata { { "X-Tenant-Id", "demo" } };

        var entry = Assert.Single(metadata);
        Assert.Equal("x-tenant-id", entry.Key);
        Assert.Equal("demo", metadata.GetValue("X-TENANT-ID"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x tenant")]
    [InlineData(":path")]
    [InlineData("tenant/id")]
    [InlineData("schlüssel")]
    public void Invalid_keys_are_refused(string key)
    {
        Assert.ThrowsAny<ArgumentException>(() => new Metadata { { key, "value" } });
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("tab\there")]
    [InlineData("Überschuldung")]
    public void Non_printable_ascii_values_are_refused(string value)
    {
        Assert.Throws<ArgumentException>(() => new Metadata { { "x-note", value } });
    }

    [Fact]
    public void Binary_values_need_a_bin_key_and_ascii_values_must_not_use_one()
    {
        Assert.Throws<ArgumentException>(() => new Metadata { { "x-blob", new byte[] { 1 } } });
        Assert.Throws<ArgumentException>(() => new Metadata { { "x-blob-bin", "text" } });
    }

    [Fact]
    public void Binary_entries_keep_their_bytes()
    {
        var metadata = new Metadata { { "x-blob-bin", new byte[] { 0, 255 } } };

        Assert.True(Assert.Single(metadata).IsBinary);
        Assert.Equal(new byte[] { 0, 255 }, metadata.GetValueBytes("x-blob-bin"));
        Assert.Throws<InvalidOperationException>(() => metadata.GetValue("x-blob-bin"));
    }

    [Fact]
    public void Last_value_of_a_repeated_key_wins_and_order_is_kept()
    {
        var metadata = new Metadata { { "x-a", "1" }, { "x-b", "2" }, { "x-a", "3" } };

        Assert.Equal("3", metadata.GetValue("x-a"));
        Assert.Equal(new[] { "1", "2", "3" }, metadata.Select(e => e.Value));
        Assert.Null(metadata.GetValue("x-missing"));
        Assert.Null(metadata.GetValueBytes("x-missing"));
    }

    [Theory]
    [InlineData(new byte[] { 1 }, "AQ")]
    [InlineData(new byte[] { 1, 2 }, "AQI")]
    [InlineData(new byte[] { 1, 2, 3 }, "AQID")]
    public void Binary_values_are_sent_as_unpadded_base64(byte[] value, string expected)
    {
        Assert.Equal(expected, GrpcProtocol.EncodeBinaryValue(value));
    }

    [Theory]
    [InlineData("AQI")]
    [InlineData("AQI=")]
    public void Received_binary_values_may_be_padded_or_not(string wire)
    {
        var metadata = new Metadata();

        GrpcProtocol.AddReceivedValue(metadata, "x-blob-bin", wire);

        Assert.Equal(new byte[] { 1, 2 }, metadata.GetValueBytes("x-blob-bin"));
    }

    [Fact]
    public void Received_binary_values_joined_by_commas_are_split()
    {
        var metadata = new Metadata();

        GrpcProtocol.AddReceivedValue(metadata, "x-blob-bin", "AQ,AgM=");

        Assert.Equal(new[] { new byte[] { 1 }, [2, 3] }, metadata.Select(e => e.ValueBytes));
    }

    [Fact]
    public void Received_ascii_values_are_kept_even_when_not_strictly_valid()
    {
        var metadata = new Metadata();

        GrpcProtocol.AddReceivedValue(metadata, "x-note", "caf\u00e9");

        Assert.Equal("caf\u00e9", metadata.GetValue("x-note"));
    }

    [Theory]
    [InlineData(":path", true)]
    [InlineData("grpc-timeout", true)]
    [InlineData("grpc-status", true)]
    [InlineData("grpc-anything", true)]
    [InlineData("te", true)]
    [InlineData("content-type", true)]
    [InlineData("Content-Length", true)]
    [InlineData("host", true)]
    [InlineData("connection", true)]
    [InlineData("x-tenant-id", false)]
    [InlineData("traceparent", false)]
    [InlineData("user-agent", false)]
    [InlineData("authorization", false)]
    public void Reserved_headers_are_recognized(string key, bool reserved)
    {
        Assert.Equal(reserved, GrpcProtocol.IsReservedHeader(key));
    }

    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("Application/GRPC", true)]
    [InlineData("application/grpc; charset=utf-8", true)]
    [InlineData("application/grpc+json", false)]
    [InlineData("application/grpcweb", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void Server_accepts_protobuf_grpc_content_types_only(string? contentType, bool accepted)
    {
        Assert.Equal(accepted, GrpcProtocol.IsSupportedRequestContentType(contentType));
    }
}
