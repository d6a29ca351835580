using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Runtime;

/// <summary>Where and in which precision the networks run; parsed from options ("cpu", "cuda:1"; "float32", "bfloat16").</summary>
public sealed record DeviceSpec(Device Device, ScalarType DType)
{
    public static DeviceSpec Cpu { get; } = new(CPU, ScalarType.Float32);

    public static DeviceSpec Parse(string device, string dtype)
    {
        var d = device.Trim().ToLowerInvariant() switch
        {
            "cpu" => CPU,
            var s when s == "cuda" || s.StartsWith("cuda:", StringComparison.Ordinal) => new Device(s),
            var s => throw new ArgumentException($"Engine device must be 'cpu', 'cuda' or 'cuda:N', not '{s}'."),
        };
        var t = dtype.Trim().ToLowerInvariant() switch
        {
            "float32" or "fp32" => ScalarType.Float32,
            "bfloat16" or "bf16" => ScalarType.BFloat16,
            "float16" or "fp16" => ScalarType.Float16,
            var s => throw new ArgumentException($"Engine dtype must be float32, bfloat16 or float16, not '{s}'."),
        };
        if (d.type == DeviceType.CPU && t == ScalarType.Float16)
            throw new ArgumentException("float16 on the CPU is unusably slow in libtorch; use float32 or bfloat16.");
        return new DeviceSpec(d, t);
    }

    public override string ToString() => $"{Device.type}{(Device.index >= 0 ? ":" + Device.index : "")}/{DType}";
}
