using DreamTuner.Studio.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddStudioServices();

var app = builder.Build();
app.MapStudio();
return await app.RunStudioAsync(migrate: args.Contains("--migrate"));

/// <summary>Entry point type, public for WebApplicationFactory in tests.</summary>
public partial class Program;
