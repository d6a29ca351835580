using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;

namespace DreamTuner.Studio.Extensions;

public static class StudioEndpointExtensions
{
    /// <summary>Sign-out (a POST with antiforgery, as the form in the app bar sends) the character image endpoints and the generated image endpoint.</summary>
    public static IEndpointRouteBuilder MapStudioEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // The antiforgery middleware validates (the metadata asks it to); the handler answers a bad token with 400
        // itself, with a body (so the status-code page is not re-executed on the bad POST): a form-bound parameter
        // would throw instead, and the error page would then re-read the bad form.
        endpoints.MapPost(StudioIdentityExtensions.LogoutPath, async (HttpContext context, SignInManager<StudioUser> signIn) =>
            {
                if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form is out of date; reload the page and try again.");
                await signIn.SignOutAsync();
                var form = await context.Request.ReadFormAsync();
                string? returnUrl = form["returnUrl"];
                return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute());

        var characters = endpoints.MapGroup("/projects/{projectId:guid}/characters/{characterId:guid}").RequireAuthorization();
        characters.MapGet("/image", (Guid projectId, Guid characterId, HttpContext context, CharacterService service, CancellationToken ct)
            => ServeAsync(projectId, characterId, mask: false, context, service, ct));
        characters.MapGet("/mask", (Guid projectId, Guid characterId, HttpContext context, CharacterService service, CancellationToken ct)
            => ServeAsync(projectId, characterId, mask: true, context, service, ct));

        endpoints.MapGet("/projects/{projectId:guid}/images/{imageId:guid}", ServeGeneratedAsync).RequireAuthorization();
        return endpoints;
    }

    /// <summary>Relative to this site only ("/projects"), never "//evil.example" or "/\evil.example".</summary>
    public static bool IsLocal(string? url)
        => !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    /// <summary>A generated image of the project, for members only (404 for anyone else). Images never change: cached long.</summary>
    private static async Task<IResult> ServeGeneratedAsync(
        Guid projectId, Guid imageId, bool? download, HttpContext context, GalleryService gallery, CancellationToken ct)
    {
        var userId = CurrentUser.IdOf(context.User);
        if (userId is null)
            return Results.Challenge();
        try
        {
            var (content, contentType) = await gallery.OpenAsync(projectId, imageId, userId.Value, ct);
            context.Response.Headers.CacheControl = "private, max-age=86400, immutable";
            // ?download=true asks the browser to save it rather than show it (the gallery's Download button).
            var fileName = download == true ? $"dreamtuner-{imageId}{(contentType == "image/jpeg" ? ".jpg" : ".png")}" : null;
            return Results.Stream(content, contentType, fileName);
        }
        catch (ProjectNotFoundException)
        {
            return Results.NotFound();
        }
    }

    private static async Task<IResult> ServeAsync(
        Guid projectId, Guid characterId, bool mask, HttpContext context, CharacterService service, CancellationToken ct)
    {
        var userId = CurrentUser.IdOf(context.User);
        if (userId is null)
            return Results.Challenge();
        try
        {
            var (content, contentType) = await service.OpenImageAsync(projectId, characterId, userId.Value, mask, ct);
            context.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.Stream(content, contentType);
        }
        catch (ProjectNotFoundException)
        {
            return Results.NotFound();
        }
    }
}
