using System.Security.Cryptography;
using DreamTuner.Data.Entities;

namespace DreamTuner.Data.Tests.Support;

/// <summary>
/// A project with one row of every product entity, every property set (the reply comment is the fully set
/// comment; the root comment has no parent by nature). Blobs are the project's own, so tests can tell
/// whose they are.
/// </summary>
public sealed class SampleProject
{
    public required StudioUser Owner { get; init; }

    public required StudioUser Editor { get; init; }

    public required IReadOnlyList<Blob> Blobs { get; init; }

    public required Project Project { get; init; }

    public required IReadOnlyList<ProjectMember> Members { get; init; }

    public required Character Character { get; init; }

    public required FineTune FineTune { get; init; }

    public required Generation Generation { get; init; }

    public required Image Image { get; init; }

    public required Review Review { get; init; }

    public required Comment RootComment { get; init; }

    public required Comment Reply { get; init; }

    public required Storyboard Storyboard { get; init; }

    public required Panel Panel { get; init; }

    public required PanelVersion PanelVersion { get; init; }

    public required Activity Activity { get; init; }

    /// <summary>Every product row of the project, in insertion order (blobs and users excluded: they are not the project's).</summary>
    public IEnumerable<object> ProjectRows =>
    [
        Project, .. Members, Character, FineTune, Generation, Image, Review, RootComment, Reply, Storyboard, Panel, PanelVersion, Activity,
    ];

    /// <summary>Inserts the users (unless already stored), blobs and the whole project graph.</summary>
    public static async Task<SampleProject> SeedAsync(StudioDbContext db, StudioUser owner, StudioUser editor, CancellationToken cancellationToken = default)
    {
        var now = TestClock.Now();
        var blobs = Enumerable.Range(0, 7).Select(i => new Blob
        {
            Hash = Convert.ToHexStringLower(SHA256.HashData(Guid.NewGuid().ToByteArray())),
            Size = 1000 + i,
            ContentType = i == 4 ? "application/octet-stream" : "image/png",
            CreatedAt = now,
        }).ToList();

        var project = new Project
        {
            Name = "Moon Dogs",
            Description = "A dog and a girl go to the moon.",
            CreatedById = owner.Id,
            CreatedAt = now,
            UpdatedAt = now.AddMinutes(1),
        };
        var members = new List<ProjectMember>
        {
            new() { ProjectId = project.Id, UserId = owner.Id, Role = ProjectRole.Owner, JoinedAt = now },
            new() { ProjectId = project.Id, UserId = editor.Id, Role = ProjectRole.Editor, JoinedAt = now.AddSeconds(5) },
        };
        var character = new Character
        {
            ProjectId = project.Id,
            Name = "Rex",
            ClassWord = "dog",
            Token = "[S*]",
            ReferenceImageHash = blobs[0].Hash,
            MaskHash = blobs[1].Hash,
            MaskSource = MaskSource.SegmentationModel,
            Caption = "a corgi with a red scarf",
            CreatedAt = now,
            UpdatedAt = now.AddSeconds(1),
        };
        var fineTune = new FineTune
        {
            CharacterId = character.Id,
            Status = JobStatus.Succeeded,
            Mode = FineTuneMode.LoRA,
            ParametersJson = """{"rank": 8, "steps": 400, "learningRate": 0.0001}""",
            ProgressStep = 400,
            ProgressTotal = 400,
            LossHistoryJson = """[{"loss": 0.25, "step": 1}, {"loss": 0.125, "step": 2}]""",
            ArtifactHash = blobs[4].Hash,
            Error = "retried once after an out-of-memory",
            RequestedById = owner.Id,
            CreatedAt = now,
            StartedAt = now.AddSeconds(2),
            FinishedAt = now.AddMinutes(10),
            HangfireJobId = "17",
        };
        var generation = new Generation
        {
            ProjectId = project.Id,
            Prompt = "a photo of [S*] dog on the moon",
            NegativePrompt = "blurry",
            Seed = 4_294_967_296L + 7,
            Scheduler = SchedulerKind.DpmSolverPlusPlus2MKarras,
            Steps = 25,
            GuidanceScale = 7.5,
            Width = 512,
            Height = 768,
            BatchSize = 4,
            InitImageHash = blobs[2].Hash,
            InitStrength = 0.625,
            ControlType = ControlType.Pose,
            ControlImageHash = blobs[3].Hash,
            SubjectEncoderBeta = 0.5,
            ReferenceAttentionWeight = 3.0,
            ReferenceGuidance = 2.5,
            UseMask = true,
            ReferenceProbability = 0.75,
            ReferenceDeltaT = 15,
            ReferenceDeltaTPrime = 35,
            ReferencePrompt = "a dog on a white background",
            ControlScale = 0.8,
            ControlStart = 0.1,
            ControlEnd = 0.9,
            ModelId = "tiny-sd15",
            CharacterIds = [character.Id, Guid.NewGuid()],
            Status = JobStatus.Running,
            QueuePosition = 3,
            ProgressStep = 12,
            ProgressTotal = 25,
            EstimatedFinishAt = now.AddSeconds(40),
            Error = "a previous attempt timed out",
            GroupId = Guid.NewGuid(),
            ExtraReferenceHash = blobs[6].Hash,
            Warnings = ["Mask off: the reference has no alpha", "512 x 768 is not the model's native size"],
            RequestedById = editor.Id,
            CreatedAt = now,
            StartedAt = now.AddSeconds(1),
            FinishedAt = now.AddSeconds(50),
            HangfireJobId = "42",
        };
        var image = new Image
        {
            GenerationId = generation.Id,
            BatchIndex = 2,
            BlobHash = blobs[5].Hash,
            Width = 512,
            Height = 768,
            Seed = generation.Seed + 2,
            Metadata = "a photo of [S*] dog on the moon\nSteps: 25, Seed: 4294967305",
            IdentityScore = 0.8125,
            PromptScore = 0.28125,
            CreatedAt = now.AddSeconds(50),
        };
        var review = new Review
        {
            ImageId = image.Id,
            UserId = editor.Id,
            Verdict = ReviewVerdict.NeedsChanges,
            Rating = 4,
            CreatedAt = now,
            UpdatedAt = now.AddSeconds(3),
        };
        var rootComment = new Comment
        {
            ImageId = image.Id,
            AuthorId = owner.Id,
            Body = "The scarf should be longer.",
            PinX = 0.25,
            PinY = 0.75,
            CreatedAt = now,
            EditedAt = now.AddMinutes(2),
        };
        var reply = new Comment
        {
            ImageId = image.Id,
            AuthorId = editor.Id,
            ParentId = rootComment.Id,
            Body = "Agreed; also redder.",
            PinX = 0.5,
            PinY = 1.0,
            CreatedAt = now.AddMinutes(3),
            EditedAt = now.AddMinutes(4),
            IsDeleted = true,
        };
        var storyboard = new Storyboard
        {
            ProjectId = project.Id,
            Title = "Act one",
            Description = "Launch and landing",
            CreatedAt = now,
            UpdatedAt = now.AddSeconds(9),
        };
        var panel = new Panel
        {
            StoryboardId = storyboard.Id,
            OrderIndex = 3,
            ShotDescription = "Wide shot: Rex plants a flag.",
            Dialogue = "REX: Woof.",
            ChosenImageId = image.Id,
            PoseBlobHash = blobs[6].Hash,
            CreatedAt = now,
            UpdatedAt = now.AddSeconds(4),
            Characters = [character],
        };
        var panelVersion = new PanelVersion
        {
            PanelId = panel.Id,
            ImageId = image.Id,
            ChosenById = editor.Id,
            ChosenAt = now.AddSeconds(6),
        };
        var activity = new Activity
        {
            ProjectId = project.Id,
            UserId = editor.Id,
            Kind = ActivityKind.PanelImageChosen,
            Summary = "Chose take 3 for panel 3",
            EntityType = nameof(Panel),
            EntityId = panel.Id,
            At = now.AddSeconds(6),
        };

        foreach (var user in new[] { owner, editor }.Where(u => db.Entry(u).State == Microsoft.EntityFrameworkCore.EntityState.Detached))
        {
            if (await db.Users.FindAsync([user.Id], cancellationToken) is null)
            {
                db.Users.Add(user);
            }
        }

        db.Blobs.AddRange(blobs);
        db.Projects.Add(project);
        db.ProjectMembers.AddRange(members);
        db.Characters.Add(character);
        db.FineTunes.Add(fineTune);
        db.Generations.Add(generation);
        db.Images.Add(image);
        db.Reviews.Add(review);
        db.Comments.AddRange(rootComment, reply);
        db.Storyboards.Add(storyboard);
        db.Panels.Add(panel);
        db.PanelVersions.Add(panelVersion);
        db.Activities.Add(activity);
        await db.SaveChangesAsync(cancellationToken);

        // A separate save: Character -> ActiveFineTune -> Character is a cycle EF cannot order in one insert.
        // Generation -> Panel -> chosen Image -> Generation is another.
        character.ActiveFineTuneId = fineTune.Id;
        generation.PanelId = panel.Id;
        await db.SaveChangesAsync(cancellationToken);

        return new SampleProject
        {
            Owner = owner,
            Editor = editor,
            Blobs = blobs,
            Project = project,
            Members = members,
            Character = character,
            FineTune = fineTune,
            Generation = generation,
            Image = image,
            Review = review,
            RootComment = rootComment,
            Reply = reply,
            Storyboard = storyboard,
            Panel = panel,
            PanelVersion = panelVersion,
            Activity = activity,
        };
    }
}
