using System.Collections;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Data.Tests.Model;

public sealed class EntityRoundTripTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    public static TheoryData<string> EntityNames =>
    [
        nameof(StudioUser), nameof(Blob), nameof(Project), nameof(ProjectMember), nameof(Character), nameof(FineTune),
        nameof(Generation), nameof(Image), nameof(Review), nameof(Comment), nameof(Storyboard), nameof(Panel),
        nameof(PanelVersion), nameof(Activity),
    ];

    [Theory]
    [MemberData(nameof(EntityNames))]
    public async Task Entity_round_trips_with_every_property_set(string entityName)
    {
        SampleProject sample;
        await using (var db = fixture.CreateContext())
        {
            sample = await SampleProject.SeedAsync(db, SampleUsers.Create("owner"), SampleUsers.Create("editor"));
        }

        var written = Pick(sample, entityName);
        await using var reader = fixture.CreateContext();
        var entityType = reader.Model.FindEntityType(written.GetType())!;
        var key = entityType.FindPrimaryKey()!.Properties.Select(p => p.PropertyInfo!.GetValue(written)).ToArray();
        var read = await reader.FindAsync(written.GetType(), key);

        Assert.NotNull(read);
        foreach (var property in entityType.GetProperties().Where(p => p.PropertyInfo is not null))
        {
            var expected = property.PropertyInfo!.GetValue(written);
            var actual = property.PropertyInfo.GetValue(read);
            Assert.True(expected is not null, $"{entityName}.{property.Name} was not set, so the test does not cover it");
            Assert.True(AreEqual(expected, actual, property.GetColumnType() == "jsonb"), $"{entityName}.{property.Name}: wrote {Show(expected)}, read {Show(actual)}");
        }
    }

    [Fact]
    public async Task Panel_characters_round_trip_through_the_join_table()
    {
        SampleProject sample;
        await using (var db = fixture.CreateContext())
        {
            sample = await SampleProject.SeedAsync(db, SampleUsers.Create("owner"), SampleUsers.Create("editor"));
        }

        await using var reader = fixture.CreateContext();
        var panel = await reader.Panels.Include(p => p.Characters).SingleAsync(p => p.Id == sample.Panel.Id);

        Assert.Equal([sample.Character.Id], panel.Characters.Select(c => c.Id));
    }

    [Fact]
    public async Task Enums_are_stored_as_their_names()
    {
        SampleProject sample;
        await using (var db = fixture.CreateContext())
        {
            sample = await SampleProject.SeedAsync(db, SampleUsers.Create("owner"), SampleUsers.Create("editor"));
        }

        await using var reader = fixture.CreateContext();
        var stored = await reader.Database
            .SqlQuery<string>($"SELECT \"Scheduler\" AS \"Value\" FROM \"Generations\" WHERE \"Id\" = {sample.Generation.Id}")
            .SingleAsync();

        Assert.Equal(nameof(SchedulerKind.DpmSolverPlusPlus2MKarras), stored);
    }

    private static object Pick(SampleProject sample, string entityName) => entityName switch
    {
        nameof(StudioUser) => sample.Owner,
        nameof(Blob) => sample.Blobs[0],
        nameof(Project) => sample.Project,
        nameof(ProjectMember) => sample.Members[1],
        nameof(Character) => sample.Character,
        nameof(FineTune) => sample.FineTune,
        nameof(Generation) => sample.Generation,
        nameof(Image) => sample.Image,
        nameof(Review) => sample.Review,
        nameof(Comment) => sample.Reply,
        nameof(Storyboard) => sample.Storyboard,
        nameof(Panel) => sample.Panel,
        nameof(PanelVersion) => sample.PanelVersion,
        nameof(Activity) => sample.Activity,
        _ => throw new ArgumentOutOfRangeException(nameof(entityName), entityName, "no sample row of this entity"),
    };

    private static bool AreEqual(object? expected, object? actual, bool isJson)
    {
        if (expected is IEnumerable left and not string && actual is IEnumerable right and not string)
        {
            return left.Cast<object?>().SequenceEqual(right.Cast<object?>());
        }

        // jsonb normalizes whitespace and key order, so compare JSON by meaning rather than by text.
        if (isJson && expected is string e && actual is string a)
        {
            return System.Text.Json.Nodes.JsonNode.DeepEquals(
                System.Text.Json.Nodes.JsonNode.Parse(e), System.Text.Json.Nodes.JsonNode.Parse(a));
        }

        return Equals(expected, actual);
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>()) + "]",
        _ => value.ToString() ?? "",
    };
}
