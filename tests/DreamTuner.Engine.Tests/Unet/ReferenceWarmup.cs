using DreamTuner.Engine.Tests.Support;

namespace DreamTuner.Engine.Tests.Unet;

/// <summary>
/// <see cref="Reference"/> reads its tensors lazily; if the first read happens inside a test's
/// <c>NewDisposeScope</c>, that scope disposes the shared tensors and later tests see empty handles.
/// Test classes call <see cref="Ensure"/> from their constructors, outside any scope.
/// </summary>
internal static class ReferenceWarmup
{
    private static readonly Lazy<bool> Loaded = new(() =>
    {
        _ = Reference.Input("unet.sample");
        _ = Reference.Expected("unet.noise_pred");
        _ = Reference.InputsJson;
        return true;
    });

    public static void Ensure() => _ = Loaded.Value;
}
