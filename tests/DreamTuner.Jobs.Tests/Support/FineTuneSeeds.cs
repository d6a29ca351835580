using DreamTuner.Data;
using DreamTuner.Data.Blobs;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Data.Tests.Support;
using DreamTuner.Engine.Imaging;
using Microsoft.Extensions.DependencyInjection;
using static TorchSharp.torch;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>A character with a stored reference image and mask, and fine-tune parameters small enough to train in seconds.</summary>
public static class FineTuneSeeds
{
    public const int Size = 32;

    public static async Task<Character> CharacterAsync(JobsWorld world, StudioDbContext db, Project project, bool storeImage = true)
    {
        var blobs = world.Studio.Services.GetRequiredService<IBlobStore>();
        var recorder = new BlobRecorder(db, blobs);
        var (image, mask) = ReferencePngs();
        BlobRef reference, maskBlob;
        if (storeImage)
        {
            reference = await recorder.StoreAsync(new MemoryStream(image), "image/png");
        }
        else
        {
            // A row whose file is gone: what a lost or pruned blob volume leaves behind.
            reference = await blobs.PutAsync(new MemoryStream(image), "image/png");
            await recorder.RecordAsync(reference);
            File.Delete(blobs.PathOf(reference.Hash));
        }
        maskBlob = await recorder.StoreAsync(new MemoryStream(mask), "image/png");
        var character = new Character
        {
            ProjectId = project.Id, Name = "Mira", ClassWord = "toy", Token = "[S1*]", Caption = "a photo of a red toy",
            ReferenceImageHash = reference.Hash, MaskHash = maskBlob.Hash, CreatedAt = TestClock.Now(), UpdatedAt = TestClock.Now(),
        };
        db.Characters.Add(character);
        await db.SaveChangesAsync();
        return character;
    }

    public static FineTuneParameters Parameters(int steps, string model = TinyModel.ModelId, int checkpointEvery = 2, int validationEvery = 0) => new()
    {
        ModelId = model,
        Steps = steps,
        RegularImages = 1,
        RegularImageSteps = 2,
        Resolution = Size,
        CheckpointEvery = checkpointEvery,
        ValidationEvery = validationEvery,
        ValidationSteps = 2,
        Seed = 3,
    };

    /// <summary>A red square on grey, and a mask marking the square as the subject.</summary>
    private static (byte[] Image, byte[] Mask) ReferencePngs()
    {
        using var scope = NewDisposeScope();
        var image = full([1, 3, Size, Size], 0.2f);
        var square = zeros([1, 1, Size, Size]);
        square[.., .., 8..24, 8..24] = ones([1, 1, 16, 16]);
        image = image * (1 - square) + square * tensor(new[] { 0.9f, -0.8f, -0.8f }).reshape(1, 3, 1, 1);
        var mask = (square * 2 - 1).expand(1, 3, Size, Size);
        return (ImageTensors.ToPng(image), ImageTensors.ToPng(mask));
    }
}
