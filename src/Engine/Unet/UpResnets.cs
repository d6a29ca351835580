using DreamTuner.Engine.Nn;

namespace DreamTuner.Engine.Unet;

/// <summary>
/// The channel arithmetic of an up block's resnets: the first takes the deeper block's output, the last takes the
/// skip state from the previous stage's input width, the others take this stage's width.
/// </summary>
internal static class UpResnets
{
    public static ResnetBlock2D[] Create(UNetBlockArgs a) =>
        Enumerable.Range(0, a.NumLayers).Select(i =>
        {
            int skipChannels = i == a.NumLayers - 1 ? a.InChannels : a.OutChannels;
            int resnetIn = i == 0 ? a.PrevOutputChannels : a.OutChannels;
            return new ResnetBlock2D(resnetIn + skipChannels, a.OutChannels, a.TembChannels, a.Groups, a.Eps);
        }).ToArray();
}
