using DreamTuner.Bench.DreamTuner;

return args.Contains("--micro") ? AttentionMicroBenchmark.Run() : StepCostBenchmark.Run(args);
