using System.Buffers.Binary;
using Decisioning.Contracts.Inference;
using Grpc.Core;
using Google.Protobuf;

namespace CreditScoring.UnitTests.Inference;

public sealed class InferenceInputsTests
{
    private static readonly InferenceTensorSpec[] Spec =
    [
        new("amount", InferenceDatatype.Fp64, [-1, 1]),
        new("term", InferenceDatatype.Int32, [-1, 1]),
        new("purpose", InferenceDatatype.Bytes, [-1, 1]),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Typed_and_raw_batches_decode_to_the_same_columns(bool raw)
    {
        var request = new InferenceRequestBuilder("m", raw: raw)
            .AddFp64("amount", 1000.5, 250, 19999.99)
            .AddInt32("term", 12, 24, 72)
            .AddBytes("purpose", "car_new", "", "Möbel ✓")
            .Build();

        var inputs = InferenceInputs.Read(request, Spec);

        Assert.Equal(raw, inputs.UsesRawContents);
        Assert.Equal(3, inputs.Rows);
        Assert.Equal([1000.5, 250, 19999.99], inputs.Numbers("amount"));
        Assert.Equal([12, 24, 72], inputs.WholeNumbers("term"));
        Assert.Equal(["car_new", "", "Möbel ✓"], inputs.Strings("purpose"));
    }

    [Fact]
    public void Raw_contents_are_little_endian_with_length_prefixed_strings()
    {
        var request = new InferenceRequestBuilder("m", raw: true).AddFp64("amount", 1.0).AddInt32("term", 7).AddBytes("purpose", "ab").Build();

        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0xF0, 0x3F }, request.RawInputContents[0].ToByteArray());
        Assert.Equal(new byte[] { 7, 0, 0, 0 }, request.RawInputContents[1].ToByteArray());
        Assert.Equal(new byte[] { 2, 0, 0, 0, (byte)'a', (byte)'b' }, request.RawInputContents[2].ToByteArray());
    }

    [Fact]
    public void Numeric_inputs_accept_every_numeric_datatype_and_flat_shapes()
    {
        var request = new ModelInferRequest();
        request.Inputs.Add(Tensor("amount", InferenceDatatype.Fp32, [2], c => c.Fp32Contents.Add([1.5f, 2])));
        request.Inputs.Add(Tensor("term", InferenceDatatype.Int64, [2], c => c.Int64Contents.Add([6, 60])));
        request.Inputs.Add(Tensor("purpose", InferenceDatatype.Bytes, [2], c => c.BytesContents.Add([ByteString.CopyFromUtf8("a"), ByteString.CopyFromUtf8("b")])));

        var inputs = InferenceInputs.Read(request, Spec);

        Assert.Equal([1.5, 2], inputs.Numbers("amount"));
        Assert.Equal([6, 60], inputs.WholeNumbers("term"));
    }

    [Fact]
    public void A_missing_input_is_invalid_and_named()
    {
        var request = new InferenceRequestBuilder("m").AddFp64("amount", 1).AddBytes("purpose", "a").Build();

        AssertInvalid(() => InferenceInputs.Read(request, Spec), "'term' is missing");
    }

    [Fact]
    public void An_unknown_or_repeated_input_is_invalid_and_named()
    {
        var unknown = Valid().AddFp64("colour", 1).Build();
        var repeated = Valid().AddFp64("amount", 1).Build();

        AssertInvalid(() => InferenceInputs.Read(unknown, Spec), "'colour' is not an input");
        AssertInvalid(() => InferenceInputs.Read(repeated, Spec), "'amount' is given twice");
    }

    [Fact]
    public void A_wrong_datatype_is_invalid_and_named()
    {
        var request = new InferenceRequestBuilder("m").AddBytes("amount", "1000").AddInt32("term", 12).AddBytes("purpose", "a").Build();
        var numberForText = new InferenceRequestBuilder("m").AddFp64("amount", 1).AddInt32("term", 12).AddFp64("purpose", 3).Build();

        AssertInvalid(() => InferenceInputs.Read(request, Spec), "'amount': datatype 'BYTES'");
        AssertInvalid(() => InferenceInputs.Read(numberForText, Spec), "'purpose': datatype 'FP64'");
    }

    [Fact]
    public void A_shape_that_is_not_a_column_or_disagrees_on_rows_is_invalid_and_named()
    {
        var wide = Valid().Build();
        wide.Inputs[1].Shape[1] = 2;
        var rows = new InferenceRequestBuilder("m").AddFp64("amount", 1, 2).AddInt32("term", 12).AddBytes("purpose", "a").Build();
        var count = Valid().Build();
        foreach (var input in count.Inputs)
        {
            input.Shape[0] = 2;
        }

        AssertInvalid(() => InferenceInputs.Read(wide, Spec), "'term': shape [1,2]");
        AssertInvalid(() => InferenceInputs.Read(rows, Spec), "'term': 1 rows, but input 'amount' has 2");
        AssertInvalid(() => InferenceInputs.Read(count, Spec).Numbers("amount"), "'amount': 1 values for 2 rows");
    }

    [Fact]
    public void Raw_contents_of_the_wrong_length_are_invalid_and_named()
    {
        var shortNumber = new InferenceRequestBuilder("m", raw: true).AddFp64("amount", 1).AddInt32("term", 12).AddBytes("purpose", "a").Build();
        shortNumber.RawInputContents[0] = ByteString.CopyFrom(new byte[7]);
        var overlong = new InferenceRequestBuilder("m", raw: true).AddFp64("amount", 1).AddInt32("term", 12).AddBytes("purpose", "a").Build();
        var lie = new byte[5];
        BinaryPrimitives.WriteInt32LittleEndian(lie, 9);
        overlong.RawInputContents[2] = ByteString.CopyFrom(lie);
        var mixed = new InferenceRequestBuilder("m", raw: true).AddFp64("amount", 1).AddInt32("term", 12).AddBytes("purpose", "a").Build();
        mixed.Inputs[0].Contents = new InferTensorContents();

        AssertInvalid(() => InferenceInputs.Read(shortNumber, Spec).Numbers("amount"), "'amount': raw contents are 7 bytes");
        AssertInvalid(() => InferenceInputs.Read(overlong, Spec).Strings("purpose"), "'purpose': raw element 0 is longer");
        AssertInvalid(() => InferenceInputs.Read(mixed, Spec), "'amount': contents must not be set");
    }

    [Fact]
    public void Fractions_are_not_whole_numbers()
    {
        var request = new InferenceRequestBuilder("m").AddFp64("amount", 1).AddFp64("term", 12.5).AddBytes("purpose", "a").Build();

        AssertInvalid(() => InferenceInputs.Read(request, Spec).WholeNumbers("term"), "'term': row 0 value 12.5 is not a whole number");
    }

    private static InferenceRequestBuilder Valid() =>
        new InferenceRequestBuilder("m").AddFp64("amount", 1).AddInt32("term", 12).AddBytes("purpose", "a");

    private static ModelInferRequest.Types.InferInputTensor Tensor(string name, string datatype, long[] shape, Action<InferTensorContents> fill)
    {
        var tensor = new ModelInferRequest.Types.InferInputTensor { Name = name, Datatype = datatype, Contents = new InferTensorContents() };
        tensor.Shape.Add(shape);
        fill(tensor.Contents);
        return tensor;
    }

    internal static void AssertInvalid(Action action, string fragment)
    {
        var e = Assert.Throws<RpcException>(action);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(fragment, e.Status.Detail, StringComparison.Ordinal);
    }
}
