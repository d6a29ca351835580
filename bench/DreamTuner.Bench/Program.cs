using DreamTuner.Bench;

return BenchCommandLine.Run(args);
