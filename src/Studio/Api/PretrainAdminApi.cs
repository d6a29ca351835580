using DreamTuner.Data.Jobs;
using DreamTuner.Studio.Services;

namespace DreamTuner.Studio.Api;

/// <summary>
/// <c>/api/admin/pretrain-subject-encoder</c>: administrators enqueue subject-encoder pretraining and poll its Hangfire
/// state. Everyone else gets 403, so the endpoints do not leak whether a job id exists.
/// </summary>
public static class PretrainAdminApi
{
    public const string Route = "/admin/pretrain-subject-encoder";

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost(Route, async (PretrainJobRequest body, HttpContext context, PretrainAdminService service) =>
        {
            if (!await service.IsAdministratorAsync(CurrentUser.RequireId(context.User)))
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only administrators may start pretraining.");
            if (body.Problems() is { Count: > 0 } problems)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["request"] = [.. problems] });
            var jobId = service.Enqueue(body);
            return Results.Accepted($"/api{Route}/{jobId}", new ApiPretrainJobCreated(jobId));
        }).WithName("StartSubjectEncoderPretraining")
            .WithSummary("Queue subject-encoder pretraining on an engine worker; returns the Hangfire job id (administrators).")
            .Produces<ApiPretrainJobCreated>(StatusCodes.Status202Accepted);

        api.MapGet($"{Route}/{{jobId}}", async (string jobId, HttpContext context, PretrainAdminService service) =>
        {
            if (!await service.IsAdministratorAsync(CurrentUser.RequireId(context.User)))
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only administrators may read pretraining jobs.");
            return service.Find(jobId) is { } state
                ? Results.Ok(state)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No pretraining job has that id.");
        }).WithName("GetSubjectEncoderPretraining")
            .WithSummary("A pretraining job's Hangfire state, its reason (the error when Failed) and the latest step, loss and ETA (administrators).")
            .Produces<PretrainJobState>();
    }
}
