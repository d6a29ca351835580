using DreamTuner.Data.Entities;
using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace DreamTuner.Studio.Api;

/// <summary>
/// The HTTP API (issue #6): bearer API tokens only, every endpoint checks the caller's role in the project through the
/// same services as the pages (non-members get 404, Viewers 403 on generate), OpenAPI at <c>/openapi/v1.json</c>.
/// </summary>
public static class StudioApiExtensions
{
    public const string PolicyName = "ApiToken";

    public static IHostApplicationBuilder AddStudioApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ApiTokens>();
        builder.Services.AddScoped<ApiTokenService>();
        builder.Services.AddScoped<PretrainAdminService>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(PolicyName, p => p
            .AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser());
        builder.Services.AddOpenApi();
        return builder;
    }

    public static IEndpointRouteBuilder MapStudioApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapOpenApi();
        var api = endpoints.MapGroup("/api").RequireAuthorization(PolicyName).WithTags("DreamTuner");

        api.MapPost("/projects/{projectId:guid}/generations", async (Guid projectId, ApiGenerationRequest body, HttpContext context, GenerationService service, CancellationToken ct) =>
        {
            if (!SchedulerNames.TryParse(body.Scheduler, out var scheduler))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["scheduler"] = [$"Unknown scheduler; use one of {string.Join(", ", SchedulerNames.All.Select(SchedulerNames.NameOf))}."] });
            if (!Enum.TryParse<ControlType>(body.ControlType ?? "", ignoreCase: true, out var controlType) || int.TryParse(body.ControlType, out _))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["controlType"] = ["Unknown control type; use pose or depth."] });
            var request = new GenerationRequest
            {
                Prompt = body.Prompt ?? "", NegativePrompt = body.NegativePrompt, Steps = body.Steps, Scheduler = scheduler,
                GuidanceScale = body.GuidanceScale, Seed = body.Seed, Width = body.Width, Height = body.Height,
                BatchSize = body.BatchSize, ModelId = body.ModelId ?? "",
                CharacterIds = body.CharacterIds ?? [], InitImage = body.InitImage, InitStrength = body.InitStrength,
                ControlImage = body.ControlImage, ControlType = controlType, ControlScale = body.ControlScale,
                ControlStart = body.ControlStart, ControlEnd = body.ControlEnd,
                SubjectEncoderBeta = body.Beta, ReferenceAttentionWeight = body.WRef, ReferenceGuidance = body.OmegaR,
                ReferenceProbability = body.PR, ReferenceDeltaT = body.DeltaT, ReferenceDeltaTPrime = body.DeltaTPrime,
                ReferencePrompt = body.ReferencePrompt, UseMask = body.UseMask,
            };
            return await GuardAsync(async () =>
            {
                var info = await service.SubmitAsync(projectId, CurrentUser.RequireId(context.User), request, ct);
                return Results.Created($"/api/generations/{info.Id}", ToApi(info));
            });
        }).WithName("CreateGeneration").WithSummary("Queue a generation (Editors and Owners).");

        api.MapGet("/generations/{generationId:guid}", (Guid generationId, HttpContext context, GenerationService service, CancellationToken ct) =>
            GuardAsync(async () => Results.Ok(ToApi(await service.GetAsync(generationId, CurrentUser.RequireId(context.User), ct)))))
            .WithName("GetGeneration").WithSummary("A generation's status, progress, error and image ids (members).");

        api.MapGet("/projects/{projectId:guid}/images", (Guid projectId, HttpContext context, GalleryService gallery, CancellationToken ct) =>
            GuardAsync(async () => Results.Ok((await gallery.ListAsync(projectId, CurrentUser.RequireId(context.User), cancellationToken: ct))
                .Select(i => new ApiImage(i.Id, i.GenerationId, i.BatchIndex, i.Width, i.Height, i.Seed, i.Prompt, i.NegativePrompt,
                    SchedulerNames.NameOf(i.Scheduler), i.Steps, i.GuidanceScale, i.ModelId, i.CreatedAt)).ToList())))
            .WithName("ListImages").WithSummary("The project's images, newest first (members).");

        api.MapGet("/images/{imageId:guid}", (Guid imageId, HttpContext context, GalleryService gallery, CancellationToken ct) =>
            GuardAsync(async () =>
            {
                var projectId = await gallery.ProjectOfAsync(imageId, ct);
                var (content, type) = await gallery.OpenAsync(projectId, imageId, CurrentUser.RequireId(context.User), ct);
                return Results.Stream(content, type);
            }))
            .WithName("GetImage").WithSummary("The image's PNG bytes (members).");
        MapFineTunes(api);
        PretrainAdminApi.Map(api);
        return endpoints;
    }

    private static void MapFineTunes(RouteGroupBuilder api)
    {
        api.MapPost("/projects/{projectId:guid}/characters/{characterId:guid}/fine-tunes", async (Guid projectId, Guid characterId, ApiFineTuneRequest body,
            HttpContext context, FineTuneService service, CancellationToken ct) =>
        {
            if (!Enum.TryParse<FineTunePreset>(body.Preset, ignoreCase: true, out var preset) || !Enum.IsDefined(preset))
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["preset"] = ["Unknown preset; use quick, standard or thorough."] });
            var request = new FineTuneRequest
            {
                Preset = preset, Mode = body.Mode, Steps = body.Steps, LearningRate = body.LearningRate, Rank = body.Rank,
                RegularImages = body.RegularImages, Seed = body.Seed, ModelId = body.ModelId,
            };
            return await GuardAsync(async () =>
            {
                var info = await service.StartAsync(projectId, characterId, CurrentUser.RequireId(context.User), request, ct);
                return Results.Created($"/api/fine-tunes/{info.Id}", ToApi(info));
            });
        }).WithName("StartFineTune").WithSummary("Queue a fine-tune of a character (Editors and Owners).");

        api.MapGet("/fine-tunes/{fineTuneId:guid}", (Guid fineTuneId, HttpContext context, FineTuneService service, CancellationToken ct) =>
            GuardAsync(async () => Results.Ok(ToApi(await service.GetAsync(fineTuneId, CurrentUser.RequireId(context.User), ct)))))
            .WithName("GetFineTune").WithSummary("A fine-tune's status, step, total, loss history, ETA and error (members).");

        api.MapGet("/projects/{projectId:guid}/characters/{characterId:guid}/fine-tunes", (Guid projectId, Guid characterId, HttpContext context,
            FineTuneService service, CancellationToken ct) =>
            GuardAsync(async () => Results.Ok((await service.ListForCharacterAsync(projectId, characterId, CurrentUser.RequireId(context.User), ct))
                .Select(ToApi).ToList())))
            .WithName("ListFineTunes").WithSummary("A character's fine-tunes, newest first (members).");
    }

    private static ApiFineTune ToApi(FineTuneInfo f) => new(
        f.Id, f.CharacterId, f.ProjectId, f.Status.ToString(), f.ProgressStep, f.ProgressTotal, f.EstimatedFinishAt, f.Error, f.Losses,
        f.Parameters.Mode, f.Parameters.Steps, f.Parameters.LearningRate, f.Parameters.Rank, f.Parameters.RegularImages, f.Parameters.Seed,
        f.Parameters.ModelId, f.ArtifactHash, f.IsCharactersActive, f.CreatedAt, f.StartedAt, f.FinishedAt);

    private static async Task<IResult> GuardAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (ProjectNotFoundException)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }
        catch (ProjectForbiddenException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: e.Message);
        }
        catch (ProjectRuleException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: e.Message);
        }
        catch (GenerationRateLimitedException e)
        {
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: e.Message,
                extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = (int)Math.Ceiling(e.RetryAfter.TotalSeconds) });
        }
    }

    private static ApiGeneration ToApi(GenerationInfo g) => new(
        g.Id, g.ProjectId, g.Status.ToString(), g.QueuePosition, g.ProgressStep, g.ProgressTotal, g.EstimatedFinishAt, g.Error,
        g.Prompt, g.NegativePrompt, g.Seed, SchedulerNames.NameOf(g.Scheduler), g.Steps, g.GuidanceScale, g.Width, g.Height,
        g.BatchSize, g.ModelId, g.CreatedAt, g.ImageIds);
}
