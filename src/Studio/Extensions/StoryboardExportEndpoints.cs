using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Export;

namespace DreamTuner.Studio.Extensions;

public static class StoryboardExportEndpoints
{
    /// <summary><c>GET /projects/{p}/storyboards/{s}/export.pdf</c> and <c>.zip</c>, for members (404 for anyone else).</summary>
    public static IEndpointRouteBuilder MapStoryboardExports(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/projects/{projectId:guid}/storyboards/{storyboardId:guid}").RequireAuthorization();
        group.MapGet("/export.pdf", (Guid projectId, Guid storyboardId, HttpContext context, StoryboardExportService export, CancellationToken ct)
            => ServeAsync(context, () => export.PdfAsync(projectId, storyboardId, CurrentUser.RequireId(context.User), ct), "application/pdf"));
        group.MapGet("/export.zip", (Guid projectId, Guid storyboardId, HttpContext context, StoryboardExportService export, CancellationToken ct)
            => ServeAsync(context, () => export.ZipAsync(projectId, storyboardId, CurrentUser.RequireId(context.User), ct), "application/zip"));
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(HttpContext context, Func<Task<(byte[] Content, string FileName)>> make, string contentType)
    {
        if (CurrentUser.IdOf(context.User) is null)
            return Results.Challenge();
        try
        {
            var (content, fileName) = await make();
            context.Response.Headers.CacheControl = "private, no-store";
            return Results.File(content, contentType, fileName);
        }
        catch (ProjectNotFoundException)
        {
            return Results.NotFound();
        }
    }
}
