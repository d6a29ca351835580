using DreamTuner.Engine.Checkpoints;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Vae;

/// <summary>
/// Stable Diffusion's VAE (diffusers' <c>AutoencoderKL</c>): <c>encoder</c>, <c>quant_conv</c>, <c>post_quant_conv</c>,
/// <c>decoder</c>. Works on raw latents: callers multiply by <see cref="ScalingFactor"/> after encoding and divide
/// before decoding. Images are in [-1, 1].
/// </summary>
public sealed class AutoencoderKL : nn.Module
{
    private readonly Encoder encoder;
    private readonly Decoder decoder;
    private readonly Conv2d? quant_conv;
    private readonly Conv2d? post_quant_conv;

    public AutoencoderKL(AutoencoderKLConfig config) : base(nameof(AutoencoderKL))
    {
        config.Validate();
        Config = config;
        encoder = new Encoder(config);
        decoder = new Decoder(config);
        int latent = config.LatentChannels;
        quant_conv = config.UseQuantConv ? nn.Conv2d(2 * latent, 2 * latent, 1) : null;
        post_quant_conv = config.UsePostQuantConv ? nn.Conv2d(latent, latent, 1) : null;
        RegisterComponents();
    }

    public AutoencoderKLConfig Config { get; }

    public double ScalingFactor => Config.ScalingFactor;

    /// <summary>Image pixels per latent pixel along each side: 2^(number of blocks - 1) (8 for SD 1.x).</summary>
    public int VaeScaleFactor => 1 << (Config.BlockOutChannels.Count - 1);

    /// <summary>
    /// Reads a diffusers VAE folder; files that still use the legacy attention names
    /// (<c>query/key/value/proj_attn</c>) load too.
    /// </summary>
    public static AutoencoderKL FromFolder(string dir, Device? device = null, ScalarType dtype = ScalarType.Float32)
    {
        var config = DiffusersFolder.ReadConfig<AutoencoderKLConfig>(dir, c => c.Validate());
        var model = new AutoencoderKL(config);
        DiffusersFolder.LoadWeights(model, dir, device, dtype, VaeLegacyKeys.Convert);
        return model;
    }

    public void Save(string dir) => DiffusersFolder.Save(this, Config, dir);

    /// <param name="image">[B, in_channels, H, W] in [-1, 1]; H and W multiples of <see cref="VaeScaleFactor"/>.</param>
    public DiagonalGaussian Encode(Tensor image)
    {
        using var h = encoder.call(image);
        if (quant_conv is null)
            return new DiagonalGaussian(h);
        using var moments = quant_conv.call(h);
        return new DiagonalGaussian(moments);
    }

    /// <param name="latent">Raw (unscaled) latents [B, latent_channels, h, w].</param>
    /// <returns>Images [B, out_channels, h * f, w * f], roughly in [-1, 1] (not clamped).</returns>
    public Tensor Decode(Tensor latent)
    {
        if (post_quant_conv is null)
            return decoder.call(latent);
        using var z = post_quant_conv.call(latent);
        return decoder.call(z);
    }
}
