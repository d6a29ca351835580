using DreamTuner.Bench.Previews;

return PreviewOverheadBenchmark.Run(args);
