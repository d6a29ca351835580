using DreamTuner.Data.Entities;

namespace DreamTuner.Studio.Services.JobGroups;

/// <summary>
/// One cell of a sweep: its place and knob values, its generation's state, its image and the image's review score
/// (mean stars of the ratings given, null before any).
/// </summary>
public sealed record SweepCellInfo(
    int Column, int Row, string ColumnLabel, string RowLabel, Guid GenerationId, JobStatus Status, Guid? ImageId, double? AverageRating,
    int Ratings);
