using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Starter.Evaluation;

/// <summary>
/// One linear head per attribute (<see cref="SpriteLabels.Heads"/>) plus the emblem's cell head, registered under the
/// attribute's name so weights read <c>heads.body_colour.weight</c>. (TorchSharp's ModuleDict fails in
/// <c>Module.to()</c>, hence this container.)
/// </summary>
public sealed class SpriteHeads : nn.Module
{
    private readonly Linear[] _categorical;
    private readonly Linear _emblem;

    /// <param name="inFeatures">Width of the features the heads read.</param>
    /// <param name="count">How many of <see cref="SpriteLabels.Heads"/> to build, from the first (all by default).</param>
    public SpriteHeads(int inFeatures, int? count = null) : base(nameof(SpriteHeads))
    {
        _categorical = SpriteLabels.Heads.Take(count ?? SpriteLabels.Heads.Count).Select(h => nn.Linear(inFeatures, h.Classes)).ToArray();
        for (var i = 0; i < _categorical.Length; i++)
            register_module(SpriteLabels.Heads[i].Name, _categorical[i]);
        _emblem = nn.Linear(inFeatures, SpriteLabels.EmblemCells);
        register_module(SpriteLabels.Emblem, _emblem);
    }

    /// <summary>Logits of the categorical heads (in <see cref="SpriteLabels.Heads"/> order) and the emblem cells' logits.</summary>
    public (Tensor[] Categorical, Tensor Emblem) Forward(Tensor features) =>
        (_categorical.Select(h => h.forward(features)).ToArray(), _emblem.forward(features));
}
