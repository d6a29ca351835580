using DreamTuner.Studio.Services.Compare;

namespace DreamTuner.Studio.Components.Compare;

/// <summary>The gallery tiles ticked for comparison, in the order they were ticked (that is the compare view's order).</summary>
public sealed class CompareSelection
{
    private readonly List<Guid> _ids = [];

    public IReadOnlyList<Guid> Ids => _ids;

    public int Count => _ids.Count;

    public bool Contains(Guid imageId) => _ids.Contains(imageId);

    /// <summary>True when <paramref name="imageId"/> cannot be ticked because four are already chosen.</summary>
    public bool IsFull(Guid imageId) => !Contains(imageId) && _ids.Count >= CompareService.MaxTakes;

    public bool CanCompare => _ids.Count >= CompareService.MinTakes;

    public void Toggle(Guid imageId)
    {
        if (!_ids.Remove(imageId) && _ids.Count < CompareService.MaxTakes)
            _ids.Add(imageId);
    }

    /// <summary>Drops ids that are no longer listed (deleted, filtered away), so the link never names a hidden image.</summary>
    public void KeepOnly(IEnumerable<Guid> visible)
    {
        var keep = visible.ToHashSet();
        _ids.RemoveAll(id => !keep.Contains(id));
    }

    public void Clear() => _ids.Clear();

    public string Url(Guid projectId) => $"projects/{projectId}/compare?images={string.Join(',', _ids)}";
}
