namespace DreamTuner.Engine.Imaging;

/// <summary>How 8-bit pixel values are scaled into a float tensor.</summary>
public enum PixelRange
{
    /// <summary>[-1, 1]: what the VAE encoder expects (diffusers' <c>2 * x - 1</c>).</summary>
    MinusOneToOne,

    /// <summary>[0, 1]: ControlNet conditioning images and masks.</summary>
    ZeroToOne,
}
