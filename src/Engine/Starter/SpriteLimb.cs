namespace DreamTuner.Engine.Starter;

/// <summary>One straight limb as drawn: a stroke from <c>Start</c> to <c>End</c> of radius <c>Radius</c> ending in a round hand or foot (sprite-local units).</summary>
public sealed record SpriteLimb(string Name, double StartX, double StartY, double EndX, double EndY, double Radius, double EndRadius)
{
    public bool Contains(double x, double y) =>
        Region.Capsule(x, y, StartX, StartY, EndX, EndY, Radius) || Region.Circle(x, y, EndX, EndY, EndRadius);
}
