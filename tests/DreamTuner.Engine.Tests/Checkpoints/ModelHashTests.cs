using System.Text;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Tests.Support;

namespace DreamTuner.Engine.Tests.Checkpoints;

public class ModelHashTests
{
    [Fact]
    public void AutoV2_is_the_first_10_hex_digits_of_the_files_sha256()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var file = Path.Combine(dir, "model.safetensors");
            File.WriteAllText(file, "abc", Encoding.ASCII);

            // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
            Assert.Equal("ba7816bf8f", ModelHash.AutoV2(file));
            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ModelHash.Sha256Hex(file));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Diffusers_folder_is_hashed_by_its_unet_weights()
    {
        var unet = Path.Combine(TestPaths.TinySd15, "unet", "diffusion_pytorch_model.safetensors");

        Assert.Equal(unet, ModelHash.HashedFile(TestPaths.TinySd15));
        Assert.Equal(ModelHash.AutoV2(unet), ModelHash.AutoV2(TestPaths.TinySd15));
        Assert.Matches("^[0-9a-f]{10}$", ModelHash.AutoV2(TestPaths.TinySd15));
    }

    [Fact]
    public void Folder_without_unet_weights_is_reported()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var e = Assert.Throws<CheckpointException>(() => ModelHash.AutoV2(dir));

            Assert.Contains("has no UNet weights to hash", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
