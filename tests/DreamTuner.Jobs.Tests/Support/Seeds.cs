using DreamTuner.Data;
using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Data.Tests.Support;

namespace DreamTuner.Jobs.Tests.Support;

/// <summary>Users and a project to hang generations on.</summary>
public static class Seeds
{
    public static async Task<(Project Project, StudioUser[] Users)> ProjectWithUsersAsync(StudioDbContext db, int users = 2)
    {
        var people = Enumerable.Range(0, users).Select(i => SampleUsers.Create($"user{i}")).ToArray();
        db.Users.AddRange(people);
        var project = new Project { Name = "Jobs", CreatedById = people[0].Id, CreatedAt = TestClock.Now(), UpdatedAt = TestClock.Now() };
        db.Projects.Add(project);
        foreach (var person in people)
            db.ProjectMembers.Add(new ProjectMember { Project = project, UserId = person.Id, Role = ProjectRole.Editor, JoinedAt = TestClock.Now() });
        await db.SaveChangesAsync();
        return (project, people);
    }

    public static NewGeneration Request(Project project, StudioUser user, int steps = 4, string model = TinyModel.ModelId, long seed = 7) => new()
    {
        ProjectId = project.Id,
        RequestedById = user.Id,
        Prompt = "a small red fox",
        NegativePrompt = "blurry",
        Seed = seed,
        Steps = steps,
        Width = 32,
        Height = 32,
        GuidanceScale = 7.5,
        Scheduler = SchedulerKind.Ddim,
        ModelId = model,
    };
}
