using System.Text.Json;

namespace DreamTuner.Data.Poses;

/// <summary>
/// One person's skeleton: a position (or nothing, for a keypoint that is not shown) for each of OpenPose's 18 keypoints,
/// in image-relative pose units, so the same pose renders at any generation size. Immutable; edits return a new pose.
/// </summary>
public sealed class BodyPose : IEquatable<BodyPose>
{
    /// <summary>Pose units per image side: 1000 keeps a keypoint within a pixel at the sizes the studio generates.</summary>
    public const int Extent = 1000;

    private readonly PosePoint?[] _points;

    public BodyPose(IEnumerable<PosePoint?> keypoints)
    {
        ArgumentNullException.ThrowIfNull(keypoints);
        _points = [.. keypoints];
        if (_points.Length != OpenPoseBody.KeypointCount)
            throw new ArgumentException($"A body pose has {OpenPoseBody.KeypointCount} keypoints, not {_points.Length}.", nameof(keypoints));
        foreach (var p in _points)
            if (p is { } q && (q.X is < 0 or > Extent || q.Y is < 0 or > Extent))
                throw new ArgumentException($"Keypoint ({q.X}, {q.Y}) lies outside 0..{Extent}.", nameof(keypoints));
    }

    public IReadOnlyList<PosePoint?> Keypoints => _points;

    public PosePoint? this[int keypoint] => _points[keypoint];

    /// <summary>
    /// The pose seen in a mirror: each keypoint takes its partner's place (left wrist where the right wrist was,
    /// reflected), so a person waving with the right hand waves with the left. Applying it twice gives the same pose.
    /// </summary>
    public BodyPose Mirror() => new(Enumerable.Range(0, OpenPoseBody.KeypointCount)
        .Select(k => _points[OpenPoseBody.MirrorOf(k)] is { } p ? new PosePoint(Extent - p.X, p.Y) : (PosePoint?)null));

    /// <summary>The pose with one keypoint moved to (x, y), clamped into the image.</summary>
    public BodyPose Move(int keypoint, int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keypoint);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(keypoint, OpenPoseBody.KeypointCount);
        var points = (PosePoint?[])_points.Clone();
        points[keypoint] = new PosePoint(Math.Clamp(x, 0, Extent), Math.Clamp(y, 0, Extent));
        return new BodyPose(points);
    }

    /// <summary>Flat form for storage and the browser: 18 entries, each [x, y] or null.</summary>
    public int[]?[] ToArrays() => [.. _points.Select(p => p is { } q ? new[] { q.X, q.Y } : null)];

    /// <summary>Reads <see cref="ToArrays"/>'s form; anything else (wrong count, a pair that is not two numbers, out of range) throws ArgumentException.</summary>
    public static BodyPose FromArrays(IReadOnlyList<int[]?> arrays)
    {
        ArgumentNullException.ThrowIfNull(arrays);
        return new BodyPose(arrays.Select(a => a switch
        {
            null => (PosePoint?)null,
            [var x, var y] => new PosePoint(x, y),
            _ => throw new ArgumentException("A keypoint is [x, y] or null.", nameof(arrays)),
        }));
    }

    public string ToJson() => JsonSerializer.Serialize(ToArrays());

    public static BodyPose FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return FromArrays(JsonSerializer.Deserialize<int[]?[]>(json) ?? throw new ArgumentException("A pose cannot be null.", nameof(json)));
        }
        catch (JsonException e)
        {
            throw new ArgumentException("The pose is not [[x, y] or null, ...].", nameof(json), e);
        }
    }

    public bool Equals(BodyPose? other) => other is not null && _points.AsSpan().SequenceEqual(other._points);

    public override bool Equals(object? obj) => Equals(obj as BodyPose);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in _points)
            hash.Add(p);
        return hash.ToHashCode();
    }

    public override string ToString() => ToJson();
}
