namespace DreamTuner.Engine.Starter.Bench;

/// <summary>CLIP and ResNet-18 features of a reference image's subject region.</summary>
public sealed record SpriteReferenceFeatures(float[] ClipImage, float[] ResNet);
