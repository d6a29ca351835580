using DreamTuner.Engine.Segmentation;
using System.CommandLine;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.DreamTuner.IPAdapter;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Runtime;
using DreamTuner.Engine.Vision;

namespace DreamTuner.Engine.Cli;

/// <summary>
/// The subject-driven options of <c>generate</c>; when <c>--reference</c> is given the run goes to
/// <see cref="DreamTunerPipeline"/>. Defaults are <see cref="DreamTunerRequest"/>'s.
/// </summary>
public sealed class DreamTunerOptions
{
    private static readonly DreamTunerRequest Defaults = new() { Base = new GenerationRequest { Prompt = "" }, References = [] };

    private readonly Option<string[]> _reference = new("--reference") { Description = "Reference image of the subject (repeat for several)" };
    private readonly Option<string[]> _referenceMask = new("--reference-mask") { Description = "Foreground mask of the matching --reference (white = subject); default: its alpha, else the whole image" };
    private readonly Option<string?> _referencePrompt = new("--reference-prompt") { Description = "Caption of the reference (default: the prompt)" };
    private readonly Option<string?> _subjectEncoder = new("--subject-encoder") { Description = "DreamTuner subject-encoder .safetensors (subject_encoder_config.json beside it); needs --image-encoder" };
    private readonly Option<string?> _ipAdapter = new("--ip-adapter") { Description = "IP-Adapter SD 1.5 .safetensors; needs --image-encoder" };
    private readonly Option<string?> _imageEncoder = new("--image-encoder") { Description = "CLIP image encoder folder (transformers layout)" };
    private readonly Option<double> _beta = new("--beta") { DefaultValueFactory = _ => Defaults.Beta, Description = "Subject-encoder / IP-Adapter strength (Eq. 1)" };
    private readonly Option<double> _wRef = new("--w-ref") { DefaultValueFactory = _ => Defaults.WRef, Description = "Reference foreground weight in self-subject-attention (Eq. 3); 2.5 suits anime" };
    private readonly Option<double> _omegaR = new("--omega-r") { DefaultValueFactory = _ => Defaults.OmegaR, Description = "Reference guidance scale (Eq. 4)" };
    private readonly Option<double?> _omegaC = new("--omega-c") { Description = "Text guidance scale (Eq. 5); default --guidance" };
    private readonly Option<double> _pR = new("--p-r") { DefaultValueFactory = _ => Defaults.PR, Description = "Probability of the reference-guided form per step (Eq. 6)" };
    private readonly Option<double> _deltaT = new("--delta-t") { DefaultValueFactory = _ => Defaults.DeltaT, Description = "Reference noised to t - delta_t (training timesteps)" };
    private readonly Option<double> _deltaTPrime = new("--delta-t-prime") { DefaultValueFactory = _ => Defaults.DeltaTPrime, Description = "Reference noised to t + delta_t' for the negative term" };
    private readonly Option<string?> _segmenter = new("--segmenter") { Description = "IS-Net ONNX model for reference masks when an image has no alpha (scripts/fetch-isnet.sh)" };
    private readonly Option<bool> _noMask = new("--no-mask") { Description = "Self-subject-attention sees the whole reference, background included" };
    private readonly Option<double> _controlStart = new("--control-start") { DefaultValueFactory = _ => 0.0, Description = "Fraction of the steps at which ControlNet starts" };
    private readonly Option<double> _controlEnd = new("--control-end") { DefaultValueFactory = _ => 1.0, Description = "Fraction of the steps at which ControlNet stops" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _reference, _referenceMask, _referencePrompt, _segmenter, _subjectEncoder, _ipAdapter, _imageEncoder,
                     _beta, _wRef, _omegaR, _omegaC, _pR, _deltaT, _deltaTPrime, _noMask, _controlStart, _controlEnd })
            command.Options.Add(option);
    }

    public bool IsRequested(ParseResult result) => result.GetValue(_reference) is { Length: > 0 };

    /// <summary>
    /// Loads <c>--subject-encoder</c> (null when not given). It must be loaded before any <c>--character</c>, because a
    /// character's subject-encoder deltas are added to these weights: base model, then subject-encoder, then packages.
    /// </summary>
    public SubjectEncoderIdentity? LoadSubjectEncoder(ParseResult result, StableDiffusionModel sd, DeviceSpec spec)
    {
        var subjectEncoder = result.GetValue(_subjectEncoder);
        if (subjectEncoder is null) return null;
        if (result.GetValue(_ipAdapter) is not null)
            throw new UsageException("give either --subject-encoder or --ip-adapter, not both.");
        var imageEncoder = result.GetValue(_imageEncoder)
            ?? throw new UsageException("--subject-encoder and --ip-adapter need --image-encoder (a CLIP image encoder folder).");
        return SubjectEncoderFile.Load(subjectEncoder, sd.Unet, ClipVisionModel.FromFolder(imageEncoder, spec.Device, spec.DType));
    }

    /// <summary>Runs the generation; also returns its settings for the PNG metadata (which identity module was used).</summary>
    public (GenerationResult Output, IReadOnlyList<KeyValuePair<string, string>> Metadata) Run(ParseResult result, StableDiffusionModel sd,
        GenerationRequest baseRequest, DeviceSpec spec, SubjectEncoderIdentity? loadedSubjectEncoder,
        Action<GenerationProgress> onStep, CancellationToken cancellation)
    {
        var referencePaths = result.GetValue(_reference)!;
        var maskPaths = result.GetValue(_referenceMask) ?? [];
        if (maskPaths.Length > referencePaths.Length)
            throw new UsageException($"{maskPaths.Length} --reference-mask given for {referencePaths.Length} --reference images.");
        var references = referencePaths.Select((p, i) => DreamTunerReference.FromFiles(p, i < maskPaths.Length ? maskPaths[i] : null)).ToList();
        var subjectEncoder = result.GetValue(_subjectEncoder);
        var ipAdapter = result.GetValue(_ipAdapter);
        if (subjectEncoder is not null && ipAdapter is not null)
            throw new UsageException("give either --subject-encoder or --ip-adapter, not both.");
        var imageEncoder = result.GetValue(_imageEncoder);
        if ((subjectEncoder ?? ipAdapter) is not null && imageEncoder is null)
            throw new UsageException("--subject-encoder and --ip-adapter need --image-encoder (a CLIP image encoder folder).");

        var pipeline = new DreamTunerPipeline(sd);
        using var segmenter = result.GetValue(_segmenter) is { } segmenterPath ? new OnnxSaliencySegmenter(segmenterPath) : null;
        if (segmenter is not null)
            pipeline.Segmenters = [AlphaForegroundSegmenter.Instance, segmenter];
        var kind = subjectEncoder is not null ? CoarseIdentityKind.SubjectEncoder : ipAdapter is not null ? CoarseIdentityKind.IPAdapter : CoarseIdentityKind.None;
        pipeline.UseCoarseIdentity(kind switch
        {
            // Loaded by the caller before any character package, whose subject-encoder deltas go on top of it.
            CoarseIdentityKind.SubjectEncoder => loadedSubjectEncoder ?? throw new InvalidOperationException("load --subject-encoder with LoadSubjectEncoder first."),
            CoarseIdentityKind.IPAdapter => new IPAdapterIdentity(IPAdapterModel.FromFile(ipAdapter!, sd.Unet), ClipVisionModel.FromFolder(imageEncoder!, spec.Device, spec.DType)),
            _ => null,
        }, kind);
        var request = new DreamTunerRequest
        {
            Base = baseRequest,
            References = references,
            ReferencePrompt = result.GetValue(_referencePrompt),
            CoarseIdentity = kind,
            Beta = result.GetValue(_beta),
            WRef = result.GetValue(_wRef),
            OmegaR = result.GetValue(_omegaR),
            OmegaC = result.GetValue(_omegaC),
            PR = result.GetValue(_pR),
            DeltaT = result.GetValue(_deltaT),
            DeltaTPrime = result.GetValue(_deltaTPrime),
            NoMask = result.GetValue(_noMask),
            ControlStart = result.GetValue(_controlStart),
            ControlEnd = result.GetValue(_controlEnd),
        };
        try
        {
            var generated = pipeline.Generate(request, onStep, cancellation);
            Console.Error.WriteLine();
            foreach (var warning in generated.Warnings) Console.Error.WriteLine($"warning: {warning}");
            return (generated.Output, request.MetadataEntries().ToList());
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        finally
        {
            // The subject-encoder belongs to the caller (characters' deltas sit in it); only the IP-Adapter is ours.
            pipeline.IPAdapter?.Dispose();
        }
    }
}
