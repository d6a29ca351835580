using DreamTuner.Engine.Characters;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Tests.Training;

/// <summary>The [S*] word of DreamTuner section 3.3 (improvement 2), initialised from the class word (appendix B).</summary>
public sealed class SubjectTokenTests
{
    [Fact]
    public void Class_word_of_several_tokens_initialises_the_new_row_to_their_mean()
    {
        // The tiny model's byte-level vocabulary splits "dog" into d, o, g</w>.
        using var model = TinyFineTune.Load();
        var classIds = model.Tokenizer.EncodeToBpeIds("dog");
        Assert.True(classIds.Count > 1);
        int id = SubjectToken.Install(model, "<mira>", "dog");

        var table = SubjectToken.TokenTable(model);
        Assert.Equal(model.Tokenizer.VocabSize, (int)table.shape[0]);
        var expected = table.index_select(0, tensor(classIds.Select(i => (long)i).ToArray())).mean([0]);
        Assert.True(table[id].allclose(expected, 1e-6, 1e-6));
        Assert.Equal(id, (int)model.Tokenizer.Encode("a <mira> dog")[2]);
    }

    [Fact]
    public void Placeholder_names_the_one_loaded_character_and_numbered_placeholders_name_several()
    {
        Assert.Equal("a dog <mira> on a beach", SubjectPrompt.Rewrite("a dog [S*] on a beach", ["<mira>"]));
        Assert.Equal("<a> meets <b>", SubjectPrompt.Rewrite("[S1*] meets [S2*]", ["<a>", "<b>"]));
        var ambiguous = Assert.Throws<ArgumentException>(() => SubjectPrompt.Rewrite("a [S*]", ["<a>", "<b>"]));
        Assert.Contains("<a>, <b>", ambiguous.Message);
    }
}
