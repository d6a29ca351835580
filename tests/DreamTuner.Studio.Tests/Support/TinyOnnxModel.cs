using Google.Protobuf;

namespace DreamTuner.Studio.Tests.Support;

/// <summary>
/// Writes tiny ONNX models by hand (nothing can be downloaded here), field numbers from onnx.proto. The saliency model
/// stands in for rembg's U²-Net: input "input.1" float [1,3,S,S], a 1x1 Conv (3 -> 1 channel; weight +1 on red, -1 on
/// green and blue, bias 0), then Sigmoid, output "output" [1,1,S,S] — so red things are salient and blue ones are not.
/// </summary>
public static class TinyOnnxModel
{
    private const long IrVersion = 7;
    private const long OpsetVersion = 13;
    private const int FloatType = 1;

    /// <summary>The ModelProto bytes of the red-is-foreground saliency model.</summary>
    public static byte[] RedSaliency(int size = 32) => Message(model =>
    {
        Int64(model, 1, IrVersion);
        Bytes(model, 8, Message(opset =>
        {
            String(opset, 1, "");
            Int64(opset, 2, OpsetVersion);
        }));
        Bytes(model, 7, Message(graph =>
        {
            Bytes(graph, 1, Node("conv0", "Conv", ["input.1", "W", "B"], ["saliency_logits"]));
            Bytes(graph, 1, Node("sigmoid0", "Sigmoid", ["saliency_logits"], ["output"]));
            String(graph, 2, "tiny_saliency");
            Bytes(graph, 5, FloatTensor("W", [1, 3, 1, 1], [1f, -1f, -1f]));
            Bytes(graph, 5, FloatTensor("B", [1], [0f]));
            Bytes(graph, 11, ValueInfo("input.1", [1, 3, size, size]));
            Bytes(graph, 12, ValueInfo("output", [1, 1, size, size]));
        }));
    });

    private static byte[] Node(string name, string opType, string[] inputs, string[] outputs) => Message(node =>
    {
        foreach (var input in inputs)
            String(node, 1, input);
        foreach (var output in outputs)
            String(node, 2, output);
        String(node, 3, name);
        String(node, 4, opType);
    });

    private static byte[] FloatTensor(string name, long[] dims, float[] values) => Message(tensor =>
    {
        foreach (var d in dims)
            Int64(tensor, 1, d);
        Int64(tensor, 2, FloatType);
        String(tensor, 8, name);
        var raw = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
            BitConverter.TryWriteBytes(raw.AsSpan(i * sizeof(float)), values[i]); // raw_data is little-endian, as this machine
        Bytes(tensor, 9, raw);
    });

    private static byte[] ValueInfo(string name, long[] shape) => Message(info =>
    {
        String(info, 1, name);
        Bytes(info, 2, Message(type => Bytes(type, 1, Message(tensorType =>
        {
            Int64(tensorType, 1, FloatType);
            Bytes(tensorType, 2, Message(tensorShape =>
            {
                foreach (var d in shape)
                    Bytes(tensorShape, 1, Message(dim => Int64(dim, 1, d)));
            }));
        }))));
    });

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
            output.Flush();
        }

        return buffer.ToArray();
    }

    private static void Bytes(CodedOutputStream output, int field, byte[] value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(value));
    }

    private static void String(CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    private static void Int64(CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }
}
