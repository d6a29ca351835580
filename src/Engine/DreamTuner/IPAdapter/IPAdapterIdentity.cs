using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Nn;
using DreamTuner.Engine.Unet;
using DreamTuner.Engine.Vision;
using static TorchSharp.torch;

namespace DreamTuner.Engine.DreamTuner.IPAdapter;

/// <summary>
/// IP-Adapter as DreamTuner's coarse-identity module: CLIP image embeds of the reference (on a white background, as
/// the subject-encoder sees it) projected to tokens, attended by decoupled cross-attention with strength beta.
/// </summary>
public sealed class IPAdapterIdentity : ICoarseIdentityModule
{
    public IPAdapterIdentity(IPAdapterModel model, ClipVisionModel clip)
    {
        if (!clip.HasProjection)
            throw new CheckpointException("IP-Adapter needs the CLIP image encoder's visual_projection (image_embeds), which this image encoder lacks.");
        Model = model;
        Clip = clip;
    }

    public IPAdapterModel Model { get; }
    public ClipVisionModel Clip { get; }

    public IDisposable Activate(UNet2DConditionModel unet)
    {
        var restore = new ProcessorRestore(unet);
        var layers = IPAdapterModel.CrossAttentionLayers(unet);
        var weights = Model.Layers;
        for (int i = 0; i < layers.Count; i++)
            layers[i].Layer.Processor = new IPAdapterAttentionProcessor(weights[i]);
        return restore;
    }

    public Tensor EncodeReferences(Tensor images01, Tensor masks)
    {
        using var scope = NewDisposeScope();
        var device = Model.parameters().First().device;
        var pixels = SubjectEncoder.PrepareReference(images01, masks, ClipImagePreprocessor.For(Clip.Config)).to(device);
        Tensor embeds;
        using (no_grad())
            embeds = Clip.forward(pixels).ImageEmbeds!;
        var tokens = Model.ImageProjection.forward(embeds);
        return tokens.reshape(1, -1, tokens.shape[2]).MoveToOuterDisposeScope();
    }

    public void AddTo(AttentionContext context, Tensor tokens, Tensor rowBeta) => context.Set(new ImagePromptTokens(tokens, rowBeta));

    public void Dispose()
    {
        Model.Dispose();
        Clip.Dispose();
    }
}
