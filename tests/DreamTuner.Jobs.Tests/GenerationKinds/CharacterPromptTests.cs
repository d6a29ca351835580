using DreamTuner.Engine.Jobs;

namespace DreamTuner.Jobs.Tests.GenerationKinds;

public sealed class CharacterPromptTests
{
    private static readonly JobCharacter Rex = new(Guid.NewGuid(), "Rex", "[S1*]", "dog", [], null, null);
    private static readonly JobCharacter Mia = new(Guid.NewGuid(), "Mia", "[S2*]", "girl", [], null, null);

    [Fact]
    public void An_untrained_character_token_becomes_its_class_word_once()
    {
        var prompt = CharacterPrompt.Rewrite("a photo of [S1*] dog and [S1*] on a sofa", [Rex], new Dictionary<Guid, string>());

        Assert.Equal("a photo of dog and dog on a sofa", prompt);
    }

    [Fact]
    public void A_trained_character_token_becomes_its_learned_token_followed_by_the_class_word()
    {
        var prompt = CharacterPrompt.Rewrite("[S1*] dog with [S2*] in a park", [Rex, Mia], new Dictionary<Guid, string> { [Mia.Id] = "sks" });

        Assert.Equal("dog with sks girl in a park", prompt);
    }

    [Fact]
    public void A_bare_placeholder_names_the_only_character()
    {
        var prompt = CharacterPrompt.Rewrite("[S*] at the beach", [Rex], new Dictionary<Guid, string> { [Rex.Id] = "zwx" });

        Assert.Equal("zwx dog at the beach", prompt);
    }
}
