using System.Security.Cryptography;

namespace DreamTuner.Engine.Checkpoints;

/// <summary>
/// The model hash written into image metadata: AUTOMATIC1111's "AutoV2" short hash, the first 10 hex digits
/// (lower case) of the SHA-256 of the model file, which is also what Civitai lists for a file.
/// </summary>
public static class ModelHash
{
    public const int ShortLength = 10;

    /// <summary>
    /// The file that stands for a diffusers-format folder: its UNet weights, because the UNet is what
    /// fine-tuning changes and a folder has no single file A1111 could have hashed.
    /// </summary>
    public static readonly string[] DiffusersUnetFiles =
    [
        Path.Combine("unet", "diffusion_pytorch_model.safetensors"),
        Path.Combine("unet", "diffusion_pytorch_model.fp16.safetensors"),
        Path.Combine("unet", "diffusion_pytorch_model.bin"),
    ];

    /// <summary>AutoV2 of a single-file checkpoint, or of the UNet weights of a diffusers folder.</summary>
    public static string AutoV2(string fileOrFolder) => Sha256Hex(HashedFile(fileOrFolder))[..ShortLength];

    /// <summary>AutoV2 of a stream's remaining bytes.</summary>
    public static string AutoV2(Stream stream) => Convert.ToHexStringLower(SHA256.HashData(stream))[..ShortLength];

    /// <summary>The full SHA-256 (lower-case hex) of a file.</summary>
    public static string Sha256Hex(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The file <see cref="AutoV2(string)"/> hashes for <paramref name="fileOrFolder"/>.</summary>
    public static string HashedFile(string fileOrFolder)
    {
        if (File.Exists(fileOrFolder))
            return fileOrFolder;
        if (Directory.Exists(fileOrFolder))
        {
            foreach (var candidate in DiffusersUnetFiles)
            {
                var path = Path.Combine(fileOrFolder, candidate);
                if (File.Exists(path))
                    return path;
            }
            throw new CheckpointException(
                $"{fileOrFolder} has no UNet weights to hash (looked for {string.Join(", ", DiffusersUnetFiles)}).");
        }
        throw new CheckpointException($"Missing file: {fileOrFolder}");
    }
}
