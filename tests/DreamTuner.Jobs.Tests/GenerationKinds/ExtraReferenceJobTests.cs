using DreamTuner.Data.Entities;
using DreamTuner.Jobs.Tests.Support;

namespace DreamTuner.Jobs.Tests.GenerationKinds;

/// <summary>
/// A generation's extra reference (a storyboard panel's previous take, for continuity) reaches self-subject-attention
/// beside the characters' references.
/// </summary>
public sealed class ExtraReferenceJobTests
{
    private static readonly TimeSpan Timeout = Waits.Timeout;

    [Fact]
    public async Task An_extra_reference_joins_the_characters_references_and_changes_the_image()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var rex = await GenerationKindsWorld.CharacterAsync(world, project, "Rex", "[S1*]", GenerationKindsWorld.Png(32, 32, transparentBorder: true));
        var previousTake = await GenerationKindsWorld.BlobAsync(world, GenerationKindsWorld.Png(32, 32, blue: 20));
        var same = Seeds.Request(project, users[0], steps: 2) with { Prompt = "[S1*] on a bridge", CharacterIds = [rex.Id], ReferenceProbability = 1 };

        var without = await world.Dispatcher.EnqueueAsync(same);
        var with = await world.Dispatcher.EnqueueAsync(same with { ExtraReferenceHash = previousTake });

        var plain = await world.WaitForEndAsync(without.Id, Timeout);
        var continued = await world.WaitForEndAsync(with.Id, Timeout);
        Assert.Equal((JobStatus.Succeeded, null), (plain.Status, plain.Error));
        Assert.Equal((JobStatus.Succeeded, null), (continued.Status, continued.Error));
        var plainInfo = await GenerationKindsWorld.ParametersAsync(world, Assert.Single(plain.Images));
        var continuedInfo = await GenerationKindsWorld.ParametersAsync(world, Assert.Single(continued.Images));
        Assert.Equal("1", plainInfo.Get("DreamTuner references"));
        Assert.Equal("2", continuedInfo.Get("DreamTuner references"));
        Assert.Equal("1", continuedInfo.Get("Extra references"));
        Assert.Equal("Rex (untrained)", continuedInfo.Get("Characters"));
        Assert.NotEqual(
            await PixelsAsync(world, Assert.Single(plain.Images)),
            await PixelsAsync(world, Assert.Single(continued.Images)));
    }

    [Fact]
    public async Task An_extra_reference_alone_makes_a_dreamtuner_generation_without_characters()
    {
        await using var world = await JobsWorld.StartAsync(engines: 1);
        await using var db = world.Db();
        var (project, users) = await Seeds.ProjectWithUsersAsync(db);
        var previousTake = await GenerationKindsWorld.BlobAsync(world, GenerationKindsWorld.Png(40, 24, blue: 200));

        var queued = await world.Dispatcher.EnqueueAsync(Seeds.Request(project, users[0], steps: 2) with { ExtraReferenceHash = previousTake });

        var done = await world.WaitForEndAsync(queued.Id, Timeout);
        Assert.Equal((JobStatus.Succeeded, null), (done.Status, done.Error));
        var info = await GenerationKindsWorld.ParametersAsync(world, Assert.Single(done.Images));
        Assert.Equal("dreamtuner", info.Get("Method"));
        Assert.Equal("1", info.Get("DreamTuner references"));
        Assert.Null(info.Get("Characters"));
    }

    /// <summary>The decoded pixels (not the PNG bytes, whose metadata differs anyway).</summary>
    private static async Task<byte[]> PixelsAsync(JobsWorld world, Image image)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(await GenerationKindsWorld.ImageBytesAsync(world, image));
        return bitmap.Bytes;
    }
}
