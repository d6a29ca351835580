namespace DreamTuner.Jobs.Tests.Support;

/// <summary>
/// The checkout's committed starter model (models/starter), linked into the tests' models folder under the studio's
/// default model id, so jobs load it exactly as the studio's default generations do.
/// </summary>
public static class BundledStarterModel
{
    public const string ModelId = "starter";

    private static readonly Lazy<string> Link = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DreamTuner.sln")))
            dir = dir.Parent;
        var source = dir is null ? null : Path.Combine(dir.FullName, "models", ModelId);
        if (source is null || !File.Exists(Path.Combine(source, "model_index.json")))
            throw new InvalidOperationException($"no committed starter model found above {AppContext.BaseDirectory} (models/starter)");
        var link = Path.Combine(TinyModel.ModelsRoot, ModelId);
        if (!Directory.Exists(link))
        {
            try
            {
                Directory.CreateSymbolicLink(link, source);
            }
            catch (IOException) when (Directory.Exists(link))
            {
                // Another test process linked it first.
            }
        }
        return link;
    });

    public static string FolderPath => Link.Value;
}
