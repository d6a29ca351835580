using DreamTuner.Studio.Services;
using DreamTuner.Studio.Services.Poses;

namespace DreamTuner.Studio.Extensions;

public static class PoseExtensions
{
    /// <summary>The project pose library (<see cref="PoseService"/>) and "use this pose" on storyboard panels.</summary>
    public static IHostApplicationBuilder AddPoses(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<PoseService>();
        builder.Services.AddScoped<PanelPoseService>();
        return builder;
    }

    /// <summary>
    /// Also <c>GET /projects/{p}/storyboards/{s}/panels/{id}/pose.png</c>: the pose image stored on a panel (members only).
    /// <c>GET /projects/{p}/poses/{id}/control.png?width=&amp;height=</c>: a saved pose's control image, rendered on the
    /// server as the pose ControlNet expects it (default 512 x 512), for members only (404 for anyone else).
    /// </summary>
    public static IEndpointRouteBuilder MapPoseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/projects/{projectId:guid}/poses/{poseId:guid}/control.png", ServeControlImageAsync).RequireAuthorization();
        endpoints.MapGet("/projects/{projectId:guid}/storyboards/{storyboardId:guid}/panels/{panelId:guid}/pose.png", ServePanelPoseAsync)
            .RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> ServeControlImageAsync(
        Guid projectId, Guid poseId, int? width, int? height, HttpContext context, PoseService poses, CancellationToken ct)
    {
        var userId = CurrentUser.IdOf(context.User);
        if (userId is null)
            return Results.Challenge();
        try
        {
            var png = await poses.RenderAsync(projectId, poseId, userId.Value, width ?? 512, height ?? 512, ct);
            // A saved pose can be edited under the same id: never cache it.
            context.Response.Headers.CacheControl = "private, no-store";
            return Results.File(png, PoseControlImage.ContentType);
        }
        catch (ProjectNotFoundException)
        {
            return Results.NotFound();
        }
        catch (ProjectRuleException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: e.Message);
        }
    }

    private static async Task<IResult> ServePanelPoseAsync(
        Guid projectId, Guid storyboardId, Guid panelId, HttpContext context, PanelPoseService panelPoses, CancellationToken ct)
    {
        var userId = CurrentUser.IdOf(context.User);
        if (userId is null)
            return Results.Challenge();
        try
        {
            var stream = await panelPoses.OpenAsync(projectId, storyboardId, panelId, userId.Value, ct);
            // The URL names the blob hash (?v=), so a changed pose is a new URL; the same URL may be cached.
            context.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.Stream(stream, PoseControlImage.ContentType);
        }
        catch (ProjectNotFoundException)
        {
            return Results.NotFound();
        }
        catch (FileNotFoundException)
        {
            return Results.NotFound();
        }
    }
}
