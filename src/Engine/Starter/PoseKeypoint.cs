namespace DreamTuner.Engine.Starter;

/// <summary>A skeleton keypoint in OpenPose's 18-point body order, in pixels (x right, y down).</summary>
public sealed record PoseKeypoint(int Index, string Name, double X, double Y);
