namespace DreamTuner.Studio.Components.Generations;

/// <summary>An init or control image on the form: freshly chosen bytes, or an earlier generation's image reused by hash.</summary>
public sealed record InputImage(string Name, byte[]? Bytes, string? Hash)
{
    public static InputImage Chosen(string name, byte[] bytes) => new(name, bytes, null);

    public static InputImage Reused(string hash) => new("the reused generation's image", null, hash);
}
