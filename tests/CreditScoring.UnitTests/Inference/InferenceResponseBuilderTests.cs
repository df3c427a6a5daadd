using Decisioning.Contracts.Inference;

namespace CreditScoring.UnitTests.Inference;

public sealed class InferenceResponseBuilderTests
{
    private static readonly TestModel Model = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Typed_and_raw_outputs_read_back_the_same(bool raw)
    {
        var request = new ModelInferRequest { Id = "req-7" };

        var response = new InferenceResponseBuilder(Model, request, raw)
            .AddFp64("pd", [3], [0.1, 0.25, 1e-300])
            .AddInt32("score", [3], [600, -1, int.MaxValue])
            .AddBytes("grade", [3], ["A", "", "Ü✓"])
            .AddBool("flag", [1, 3], [true, false, true])
            .Build();

        Assert.Equal(("m", "1", "req-7"), (response.ModelName, response.ModelVersion, response.Id));
        Assert.Equal(raw ? 4 : 0, response.RawOutputContents.Count);
        Assert.All(response.Outputs, o => Assert.Equal(raw, o.Contents is null));
        var outputs = new InferenceOutputs(response);
        Assert.Equal([0.1, 0.25, 1e-300], outputs.Fp64("pd"));
        Assert.Equal([600, -1, int.MaxValue], outputs.Int32("score"));
        Assert.Equal(["A", "", "Ü✓"], outputs.Strings("grade"));
        Assert.Equal([true, false, true], outputs.Bool("flag"));
        Assert.Equal([1L, 3L], outputs.Shape("flag"));
    }

    [Fact]
    public void Raw_bytes_output_is_length_prefixed()
    {
        var response = new InferenceResponseBuilder(Model, new ModelInferRequest(), raw: true).AddBytes("grade", [2], ["B", "CD"]).Build();

        Assert.Equal(new byte[] { 1, 0, 0, 0, (byte)'B', 2, 0, 0, 0, (byte)'C', (byte)'D' }, response.RawOutputContents[0].ToByteArray());
    }

    [Fact]
    public void Only_requested_outputs_are_returned()
    {
        var request = new InferenceRequestBuilder("m").RequestOutputs("grade").Build();

        var builder = new InferenceResponseBuilder(Model, request, raw: false);
        var response = builder.AddFp64("pd", [1], [0.5]).AddBytes("grade", [1], ["C"]).Build();

        Assert.False(builder.IsRequested("pd"));
        Assert.Equal(["grade"], response.Outputs.Select(o => o.Name));
    }

    [Fact]
    public void An_unknown_requested_output_is_invalid_and_named()
    {
        var request = new InferenceRequestBuilder("m").RequestOutputs("grade", "colour").Build();

        InferenceInputsTests.AssertInvalid(() => new InferenceResponseBuilder(Model, request, raw: false), "output 'colour' is not an output");
    }

    private sealed class TestModel : IInferenceModel
    {
        public string Name => "m";

        public string Version => "1";

        public string Platform => "test";

        public IReadOnlyList<InferenceTensorSpec> Inputs { get; } = [];

        public IReadOnlyList<InferenceTensorSpec> Outputs { get; } =
        [
            new("pd", InferenceDatatype.Fp64, [-1]),
            new("score", InferenceDatatype.Int32, [-1]),
            new("grade", InferenceDatatype.Bytes, [-1]),
            new("flag", InferenceDatatype.Bool, [-1, 3]),
        ];

        public ModelInferResponse Infer(ModelInferRequest request) => throw new InvalidOperationException("Not used by these tests.");
    }
}
