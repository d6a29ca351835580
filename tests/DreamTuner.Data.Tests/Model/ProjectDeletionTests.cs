using DreamTuner.Data.Entities;
using DreamTuner.Data.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Data.Tests.Model;

public sealed class ProjectDeletionTests
{
    [Fact]
    public async Task Deleting_a_project_removes_its_dependent_rows_and_nothing_else()
    {
        // A database of its own: the test counts whole tables.
        await using var database = await TestDatabase.CreateAsync();
        SampleProject doomed, kept;
        await using (var db = database.CreateContext())
        {
            var owner = SampleUsers.Create("owner");
            var editor = SampleUsers.Create("editor");
            doomed = await SampleProject.SeedAsync(db, owner, editor);
            kept = await SampleProject.SeedAsync(db, owner, editor);
        }

        // As the app would: load only the project, so PostgreSQL's cascades (not EF's tracking) do the work.
        await using (var db = database.CreateContext())
        {
            db.Projects.Remove(await db.Projects.SingleAsync(p => p.Id == doomed.Project.Id));
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        foreach (var row in doomed.ProjectRows)
        {
            Assert.False(await ExistsAsync(check, row), $"{Describe(row)} of the deleted project is still there");
        }

        foreach (var row in kept.ProjectRows)
        {
            Assert.True(await ExistsAsync(check, row), $"{Describe(row)} of the other project was deleted");
        }

        Assert.Equal(2, await check.Users.CountAsync());
        Assert.Equal(doomed.Blobs.Count + kept.Blobs.Count, await check.Blobs.CountAsync());
        Assert.Equal(1, await check.Set<Dictionary<string, object>>("PanelCharacters").CountAsync());
        Assert.Equal(1, await check.Projects.CountAsync());
        Assert.Equal(kept.Members.Count, await check.ProjectMembers.CountAsync());
        Assert.Equal(2, await check.Comments.CountAsync());
    }

    [Fact]
    public async Task Deleting_a_user_keeps_their_projects_and_generations()
    {
        await using var database = await TestDatabase.CreateAsync();
        SampleProject sample;
        await using (var db = database.CreateContext())
        {
            sample = await SampleProject.SeedAsync(db, SampleUsers.Create("owner"), SampleUsers.Create("editor"));
        }

        await using (var db = database.CreateContext())
        {
            db.Users.Remove(await db.Users.SingleAsync(u => u.Id == sample.Editor.Id));
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        var generation = await check.Generations.SingleAsync(g => g.Id == sample.Generation.Id);
        Assert.Null(generation.RequestedById);
        Assert.Null((await check.Comments.SingleAsync(c => c.Id == sample.Reply.Id)).AuthorId);
        Assert.True(await check.Projects.AnyAsync(p => p.Id == sample.Project.Id));
        Assert.False(await check.Reviews.AnyAsync(r => r.UserId == sample.Editor.Id));
        Assert.Equal([sample.Owner.Id], await check.ProjectMembers.Select(m => m.UserId).ToListAsync());
    }

    private static async Task<bool> ExistsAsync(StudioDbContext db, object row)
    {
        var entityType = db.Model.FindEntityType(row.GetType())!;
        var key = entityType.FindPrimaryKey()!.Properties.Select(p => p.PropertyInfo!.GetValue(row)).ToArray();
        return await db.FindAsync(row.GetType(), key) is not null;
    }

    private static string Describe(object row) => row switch
    {
        ProjectMember m => $"ProjectMember {m.ProjectId}/{m.UserId}",
        _ => $"{row.GetType().Name} {row.GetType().GetProperty("Id")!.GetValue(row)}",
    };
}
