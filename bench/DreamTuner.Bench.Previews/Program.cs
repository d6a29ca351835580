using DreamTuner.Bench.Previews;

return args is ["latency", .. var rest] ? PreviewLatencyBenchmark.Run(rest) : PreviewOverheadBenchmark.Run(args);
