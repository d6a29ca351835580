using DreamTuner.Engine.Starter;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Text;

namespace DreamTuner.Engine.Tests.Starter;

public sealed class StarterVocabularyTests
{
    private static readonly Lazy<(ClipVocabulary Vocabulary, ClipTokenizer Tokenizer)> Saved = new(() =>
    {
        var vocabulary = StarterVocabulary.Build();
        var dir = TestPaths.NewTempDir("starter-vocab");
        try
        {
            vocabulary.Save(dir);
            return (vocabulary, ClipTokenizer.FromFolder(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    });

    private static IEnumerable<string> Captions() => StarterSamples.Training(500, seed: 77)
        .Concat(Enumerable.Range(0, 200).Select(i => new StarterWorld(77).HeldOutEmblemExample(i)))
        .SelectMany(e => new[] { StarterCaptions.Caption(e), StarterCaptions.DetailedCaption(e) });

    [Fact]
    public void Clip_tokenizer_loads_the_saved_vocabulary_with_clip_layout()
    {
        var (vocabulary, tokenizer) = Saved.Value;
        Assert.Equal(vocabulary.Tokens.Count - 2, tokenizer.BosId);
        Assert.Equal(vocabulary.Tokens.Count - 1, tokenizer.EosId);
        Assert.Equal(vocabulary.Tokens.Count, tokenizer.VocabSize);
        // Small enough to train a text encoder from scratch on.
        Assert.InRange(vocabulary.Tokens.Count, 514, 2_000);
    }

    [Fact]
    public void Every_caption_word_is_a_single_token_and_captions_fit_in_75_tokens()
    {
        var (_, tokenizer) = Saved.Value;
        foreach (var caption in Captions())
        {
            var ids = tokenizer.EncodeToBpeIds(caption);
            Assert.Equal(StarterVocabulary.Words(caption).Count(), ids.Count);
            Assert.True(ids.Count <= tokenizer.MaxBpeTokens, $"{ids.Count} tokens: {caption}");
            Assert.DoesNotContain(tokenizer.EosId, ids);
        }
    }

    [Fact]
    public void Captions_decode_back_to_their_text()
    {
        var (vocabulary, tokenizer) = Saved.Value;
        foreach (var caption in Captions())
        {
            var decoded = StarterVocabulary.Decode(vocabulary, tokenizer.EncodeToBpeIds(caption));
            // CLIP's decoder puts a space before punctuation ("creature , at"); the words are the same.
            Assert.Equal(StarterVocabulary.Words(caption), StarterVocabulary.Words(decoded));
            Assert.Equal(caption.Replace(" ", ""), decoded.Replace(" ", ""));
        }
    }

    [Fact]
    public void Unknown_words_still_tokenize_through_byte_tokens()
    {
        var (vocabulary, tokenizer) = Saved.Value;
        var ids = tokenizer.EncodeToBpeIds("a zebra");
        Assert.True(ids.Count > 2);
        Assert.Equal("a zebra", StarterVocabulary.Decode(vocabulary, ids));
    }

    [Fact]
    public void Building_twice_gives_the_same_files()
    {
        var a = StarterVocabulary.Build();
        var b = StarterVocabulary.Build();
        Assert.Equal(a.Merges, b.Merges);
        Assert.Equal(a.Tokens.OrderBy(kv => kv.Value), b.Tokens.OrderBy(kv => kv.Value));
    }
}
