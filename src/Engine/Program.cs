using DreamTuner.Engine.Cli;

return await EngineCommandLine.RunAsync(args);
