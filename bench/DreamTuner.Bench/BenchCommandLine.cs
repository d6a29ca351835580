using System.Globalization;

namespace DreamTuner.Bench;

/// <summary>
/// <c>unet [--json FILE] [--steps N] [--warmup N] [--no-bf16] [--only tiny|sd15]</c>: time per UNet step and
/// peak memory. Kept to plain argument parsing so the benchmark has no dependencies beyond the engine.
/// </summary>
public static class BenchCommandLine
{
    private const string Usage = "usage: DreamTuner.Bench unet [--json FILE] [--steps N] [--warmup N] [--no-bf16] [--only tiny|sd15]\n"
        + "       DreamTuner.Bench memory [--runs N] [--json FILE]";

    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "memory")
        {
            int runs = 100;
            string json = Path.Combine("bench", "results", "memory.json");
            for (int i = 1; i < args.Length; i++)
            {
                if (args[i] == "--runs" && i + 1 < args.Length) runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                else if (args[i] == "--json" && i + 1 < args.Length) json = args[++i];
                else { Console.Error.WriteLine($"unknown option {args[i]}\n{Usage}"); return 2; }
            }
            MemoryBenchmark.Run(runs, json);
            return 0;
        }
        if (args.Length == 0 || args[0] != "unet")
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var options = new UnetBenchmarkOptions();
        for (int i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--json": options = options with { JsonPath = Value() }; break;
                case "--steps": options = options with { Steps = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--warmup": options = options with { Warmup = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--no-bf16": options = options with { Bf16 = false }; break;
                case "--only": options = options with { Only = Value() }; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}\n{Usage}");
                    return 2;
            }
        }
        UnetBenchmark.Run(options);
        return 0;
    }
}
