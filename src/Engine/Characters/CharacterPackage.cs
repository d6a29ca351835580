using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.DreamTuner;
using DreamTuner.Engine.Lora;
using DreamTuner.Engine.Pipelines;
using DreamTuner.Engine.Training;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Characters;

/// <summary>
/// A trained character as one <c>.safetensors</c> file plus its <see cref="CharacterManifest"/> (<c>NAME.json</c>).
/// Tensors: <c>token_embedding</c> [1, D] (the [S*] row); in LoRA mode the adapters in kohya naming
/// (<c>lora_unet_…_attn1_to_q.lora_down.weight</c> / <c>.lora_up.weight</c> / <c>.alpha</c>,
/// <c>lora_te_text_model_encoder_layers_0_self_attn_q_proj…</c>, see <see cref="KohyaLoraKeys"/>); in full mode
/// <c>delta.unet.*</c> and <c>delta.text_encoder.*</c> = trained − base for the tensors that changed; and
/// <c>delta.subject_encoder.*</c> for the subject-encoder ResBlocks when one was trained along.
/// </summary>
public static class CharacterPackage
{
    public const string TokenEmbeddingKey = "token_embedding";
    public const string DeltaPrefix = "delta.";

    public static void Save(string path, StableDiffusionModel baseModel, TrainedCharacter character)
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor> { [TokenEmbeddingKey] = character.TokenEmbedding.unsqueeze(0) };
        if (character.Lora is { } lora)
            foreach (var (key, t) in lora.ToKohya()) tensors[key] = t;
        foreach (var (name, delta) in character.Deltas) tensors[DeltaPrefix + name] = delta;
        StateDict.Write(path, tensors);
        var options = character.Options;
        new CharacterManifest
        {
            BaseModelHash = baseModel.Hash,
            BaseModelName = baseModel.Name,
            Token = character.Token,
            ClassWord = character.ClassWord,
            Caption = character.Caption,
            Mode = options.Mode,
            Rank = options.Mode == FineTuneMode.Lora ? options.Rank : 0,
            LoraAlpha = options.Mode == FineTuneMode.Lora ? options.EffectiveLoraAlpha : 0,
            SubjectEncoder = character.Deltas.Keys.Any(k => k.StartsWith("subject_encoder.", StringComparison.Ordinal)),
            Parameters = options,
            Steps = character.Losses.Count,
            Losses = character.Losses,
        }.Save(CharacterManifest.PathFor(path));
    }

    /// <summary>
    /// Applies the package at <paramref name="path"/> on top of <paramref name="model"/> (which must be the base model
    /// it was trained on): installs its token with the trained row and attaches its LoRA or adds its deltas. Several
    /// packages with different tokens can be loaded one after the other. Subject-encoder deltas go into
    /// <paramref name="subjectEncoder"/> (load the same subject-encoder first); without one they are an error.
    /// </summary>
    public static LoadedCharacter Load(StableDiffusionModel model, string path, SubjectEncoderIdentity? subjectEncoder = null)
    {
        var manifest = CharacterManifest.Read(path);
        if (!string.Equals(manifest.BaseModelHash, model.Hash, StringComparison.OrdinalIgnoreCase))
            throw new CheckpointException(
                $"{path} was trained on base model {manifest.BaseModelHash}, but the loaded model is {model.Hash} ({model.Name}); load it with its base model.");
        if (model.Tokenizer.AddedTokens.ContainsKey(manifest.Token.ToLowerInvariant()))
            throw new CheckpointException($"{path}: the token {manifest.Token} is already used by a loaded character; give each character its own token.");
        var tensors = StateDict.Read(path);
        try
        {
            if (!tensors.TryGetValue(TokenEmbeddingKey, out var row) || row.dim() != 2 || row.shape[1] != model.TextEncoder.Config.HiddenSize)
                throw new CheckpointException($"{path} has no token embedding of width {model.TextEncoder.Config.HiddenSize} ({TokenEmbeddingKey}).");
            var deltas = ResolveDeltas(model, subjectEncoder, tensors, path);
            LoraSet? lora = manifest.Mode == FineTuneMode.Lora ? LoraSet.FromKohya(tensors, LoraTargets.Find(model), path) : null;

            // Checks are done: change the model.
            int id = SubjectToken.AddRow(model, manifest.Token);
            SubjectToken.SetRow(model, id, row[0]);
            lora?.Attach();
            var applied = new List<(Tensor, Tensor)>();
            foreach (var (target, delta) in deltas)
            {
                AddDelta(target, delta, 1);
                applied.Add((target, delta.to(ScalarType.Float32).clone()));
            }
            return new LoadedCharacter(model, manifest, id, lora, applied);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>Writes the package's LoRA (and its token embedding as an A1111 bundled embedding) as a kohya LoRA file.</summary>
    public static void ExportKohya(string packagePath, string kohyaPath)
    {
        var manifest = CharacterManifest.Read(packagePath);
        if (manifest.Mode != FineTuneMode.Lora)
            throw new CheckpointException($"{packagePath} is a full fine-tune; only LoRA characters export as a kohya LoRA.");
        var tensors = StateDict.Read(packagePath);
        try
        {
            var export = tensors.Where(kv => KohyaLoraKeys.ModuleOf(kv.Key) is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
            export[$"bundle_emb.{manifest.Token}.string_to_param.*"] = tensors[TokenEmbeddingKey];
            StateDict.Write(kohyaPath, export);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    internal static void AddDelta(Tensor target, Tensor delta, double sign)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        target.copy_((target.to(ScalarType.Float32) + sign * delta.to(ScalarType.Float32).to(target.device)).to(target.dtype));
    }

    private static List<(Tensor Target, Tensor Delta)> ResolveDeltas(StableDiffusionModel model, SubjectEncoderIdentity? subjectEncoder,
        IReadOnlyDictionary<string, Tensor> tensors, string path)
    {
        var parameters = new Dictionary<string, Tensor>();
        foreach (var (name, p) in model.Unet.named_parameters()) parameters[$"unet.{name}"] = p;
        foreach (var (name, p) in model.TextEncoder.named_parameters()) parameters[$"text_encoder.{name}"] = p;
        if (subjectEncoder is not null)
            foreach (var (name, p) in subjectEncoder.Encoder.named_parameters()) parameters[$"subject_encoder.{name}"] = p;
        var deltas = new List<(Tensor, Tensor)>();
        foreach (var (key, delta) in tensors.Where(kv => kv.Key.StartsWith(DeltaPrefix, StringComparison.Ordinal)))
        {
            var name = key[DeltaPrefix.Length..];
            if (!parameters.TryGetValue(name, out var target))
                throw new CheckpointException(name.StartsWith("subject_encoder.", StringComparison.Ordinal)
                    ? $"{path} was trained with a subject-encoder ({name}); load that subject-encoder with the character."
                    : $"{path} changes {name}, which this model does not have.");
            if (!target.shape.SequenceEqual(delta.shape))
                throw new CheckpointException($"{path}: {name} is [{string.Join(", ", delta.shape)}] in the package but [{string.Join(", ", target.shape)}] in the model.");
            deltas.Add((target, delta));
        }
        return deltas;
    }
}
