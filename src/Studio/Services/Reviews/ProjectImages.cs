using DreamTuner.Data;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Studio.Services.Reviews;

/// <summary>The check that an image id belongs to the project in the URL: anything else is "not found".</summary>
internal static class ProjectImages
{
    public static async Task RequireAsync(StudioDbContext db, Guid projectId, Guid imageId, CancellationToken cancellationToken)
    {
        if (!await db.Images.AnyAsync(i => i.Id == imageId && i.Generation!.ProjectId == projectId, cancellationToken))
            throw new ProjectNotFoundException();
    }

    public static async Task<string> UserNameAsync(StudioDbContext db, Guid userId, CancellationToken cancellationToken)
        => await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).SingleOrDefaultAsync(cancellationToken) ?? "someone";
}
