using DreamTuner.Data.Poses;

namespace DreamTuner.Studio.Services.Poses;

/// <summary>A pose of the project's library as pages show it.</summary>
public sealed record SavedPoseInfo(Guid Id, string Name, BodyPose Pose, string? CreatedBy, DateTimeOffset UpdatedAt);
