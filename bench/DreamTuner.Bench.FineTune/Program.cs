using DreamTuner.Bench.FineTune;

return FineTuneBenchmark.Run(args);
