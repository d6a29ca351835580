using System.Text.Json.Serialization;

namespace DreamTuner.Engine.Unet;

/// <summary>
/// A config value that diffusers allows as one number for every block or as a per-block list
/// (<c>attention_head_dim</c>, <c>layers_per_block</c>, ...). The form read is the form written back, because
/// diffusers rejects a list whose length differs from the block count.
/// </summary>
[JsonConverter(typeof(IntOrListJsonConverter))]
public sealed class IntOrList : IEquatable<IntOrList>
{
    private readonly int[] _values;

    private IntOrList(int[] values, bool isList)
    {
        if (values.Length == 0)
            throw new ArgumentException("A per-block list needs at least one value.", nameof(values));
        _values = values;
        IsList = isList;
    }

    public bool IsList { get; }
    public IReadOnlyList<int> Values => _values;

    public static IntOrList Of(int value) => new([value], false);
    public static IntOrList List(params int[] values) => new(values.ToArray(), true);

    public static implicit operator IntOrList(int value) => Of(value);
    public static implicit operator IntOrList(int[] values) => List(values);

    /// <summary>One value per block; a list must already have <paramref name="blocks"/> entries (see Validate).</summary>
    public int[] PerBlock(int blocks)
    {
        if (!IsList)
            return Enumerable.Repeat(_values[0], blocks).ToArray();
        if (_values.Length != blocks)
            throw new InvalidOperationException($"{this} has {_values.Length} entries but the model has {blocks} blocks");
        return _values.ToArray();
    }

    /// <summary>Null when the value fits any block count, else the list's length.</summary>
    public int? Count => IsList ? _values.Length : null;

    public bool Equals(IntOrList? other) => other is not null && IsList == other.IsList && _values.SequenceEqual(other._values);
    public override bool Equals(object? obj) => Equals(obj as IntOrList);
    public override int GetHashCode() => HashCode.Combine(IsList, _values.Length, _values[0]);
    public override string ToString() => IsList ? $"[{string.Join(", ", _values)}]" : _values[0].ToString();
}
