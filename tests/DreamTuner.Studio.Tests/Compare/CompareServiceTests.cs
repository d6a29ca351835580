using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Compare;
using DreamTuner.Studio.Tests.Generations;
using DreamTuner.Studio.Tests.Support;

namespace DreamTuner.Studio.Tests.Compare;

/// <summary><see cref="CompareService"/> against PostgreSQL: takes in the asked order, their settings, the references.</summary>
public sealed class CompareServiceTests(StudioFactory factory) : IClassFixture<StudioFactory>
{
    [Fact]
    public async Task Takes_come_in_the_asked_order_with_dreamtuner_knobs_only_where_characters_were_used()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var character = await scope.Get<CharacterService>().CreateAsync(
            w.ProjectId, w.Owner.Id, new CharacterDraft("Fox", "fox", null), new MemoryStream(TestImages.Png(64, 64)));
        var dreamTuner = await GeneratedImageHttpTests.StoreGeneratedImageAsync(scope, w.ProjectId, w.Editor.Id, TestImages.Png(64, 64), g =>
        {
            g.CharacterIds = [character.Id];
            g.SubjectEncoderBeta = 0.2;
            g.ReferenceAttentionWeight = 3;
            g.UseMask = true;
            g.Seed = 9;
        });

        var set = await scope.Get<CompareService>().LoadAsync(w.ProjectId, [dreamTuner, w.ImageId], w.Viewer.Id);

        Assert.Equal([dreamTuner, w.ImageId], set.Takes.Select(t => t.ImageId));
        Assert.Equal("Fox", Assert.Single(set.References).Name);
        var rows = SettingsDiff.Of(set.Takes);
        Assert.Equal(["9", "7"], rows.Single(r => r.Name == "Seed").Values);
        Assert.Equal(["0.2", null], rows.Single(r => r.Name == "β (subject-encoder)").Values);
        Assert.Equal(["Fox", "—"], rows.Single(r => r.Name == "Characters").Values);
        Assert.False(rows.Single(r => r.Name == "Prompt").Differs);
        Assert.DoesNotContain(rows, r => r.Name == "Control scale");
    }

    [Fact]
    public async Task Counts_outside_two_to_four_are_refused_and_a_deleted_image_is_not_found()
    {
        await using var scope = new StudioScope(factory.Services);
        var w = await ReviewWorld.CreateAsync(scope);
        var ids = new List<Guid> { w.ImageId };
        for (var i = 0; i < 4; i++)
            ids.Add(await GeneratedImageHttpTests.StoreGeneratedImageAsync(scope, w.ProjectId, w.Owner.Id, TestImages.Png(64, 64)));
        var compare = scope.Get<CompareService>();

        await Assert.ThrowsAsync<ProjectRuleException>(() => compare.LoadAsync(w.ProjectId, [w.ImageId, w.ImageId], w.Owner.Id));
        await Assert.ThrowsAsync<ProjectRuleException>(() => compare.LoadAsync(w.ProjectId, ids, w.Owner.Id));
        Assert.Equal(4, (await compare.LoadAsync(w.ProjectId, ids[..4], w.Owner.Id)).Takes.Count);

        await scope.Get<GalleryService>().DeleteAsync(w.ProjectId, ids[1], w.Owner.Id);
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => compare.LoadAsync(w.ProjectId, ids[..2], w.Owner.Id));
        await Assert.ThrowsAsync<ProjectNotFoundException>(() => compare.LoadAsync(w.ProjectId, ids[2..4], w.Stranger.Id));
    }

    [Fact]
    public void Query_ids_keep_their_order_drop_duplicates_and_reject_non_ids()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        Assert.Equal([a, b], CompareService.ParseIds($"{a}, {b},{a}"));
        Assert.Null(CompareService.ParseIds($"{a},x"));
        Assert.Empty(CompareService.ParseIds(null)!);
    }
}
