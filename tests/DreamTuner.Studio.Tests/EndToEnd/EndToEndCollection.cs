namespace DreamTuner.Studio.Tests.EndToEnd;

/// <summary>
/// The browser tests run one after another: each starts a studio process, an engine worker and Chromium, and two of
/// them side by side on a 2-core CI machine (with the other test classes) made circuit round trips take tens of seconds.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection
{
    public const string Name = "Browser end-to-end";
}
