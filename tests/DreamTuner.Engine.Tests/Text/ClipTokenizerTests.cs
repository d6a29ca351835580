using System.Text.Json;
using DreamTuner.Engine.Checkpoints;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Text;

namespace DreamTuner.Engine.Tests.Text;

public sealed class ClipTokenizerTests
{
    private static readonly Lazy<ClipTokenizer> Real = new(() =>
        ClipTokenizer.FromOpenAiBpeGzip(Path.Combine(TestPaths.SharedClipData!, "bpe_simple_vocab_16e6.txt.gz")));

    private static ClipTokenizer Tiny() => ClipTokenizer.FromFolder(Path.Combine(TestPaths.TinySd15, "tokenizer"));

    [FactRequiringSharedClip]
    public void Encode_matches_openai_tokenizer_on_every_shared_case()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.SharedClipData!, "tokenizer_cases.json")));
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.NotEmpty(cases);
        var failures = new List<string>();
        foreach (var c in cases)
        {
            var prompt = c.GetProperty("prompt").GetString()!;
            var expected = c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var actual = Real.Value.Encode(prompt);
            if (!expected.SequenceEqual(actual))
                failures.Add($"\"{prompt}\": expected [{string.Join(",", expected)}] got [{string.Join(",", actual)}]");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [FactRequiringSharedClip]
    public void Saved_real_vocabulary_reads_back_as_a_diffusers_folder_with_the_same_ids()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            Real.Value.Save(dir);
            Assert.StartsWith("#version", File.ReadLines(Path.Combine(dir, "merges.txt")).First());
            var fromFolder = ClipTokenizer.FromFolder(dir);
            Assert.Equal(Real.Value.VocabSize, fromFolder.VocabSize);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.SharedClipData!, "tokenizer_cases.json")));
            foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            {
                var prompt = c.GetProperty("prompt").GetString()!;
                Assert.Equal(Real.Value.Encode(prompt), fromFolder.Encode(prompt));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [FactRequiringSharedClip]
    public void Real_vocabulary_has_openai_size_and_special_ids()
    {
        Assert.Equal(49408, Real.Value.VocabSize);
        Assert.Equal(49406, Real.Value.BosId);
        Assert.Equal(49407, Real.Value.EosId);
    }

    [FactRequiringSharedClip]
    public void Encode_keeps_accents_and_emoji_as_byte_level_tokens()
    {
        var cafe = Real.Value.EncodeToBpeIds("Café 🐈");
        var roundTrip = Real.Value.EncodeToBpeIds("café 🐈");
        Assert.Equal(cafe, roundTrip);
        Assert.NotEmpty(cafe);
        Assert.DoesNotContain(Real.Value.EosId, cafe);
    }

    [Fact]
    public void Encode_matches_reference_ids_for_every_reference_prompt()
    {
        var tokenizer = Tiny();
        var prompts = Reference.InputsJson.GetProperty("prompts").EnumerateArray().Select(p => p.GetString()!).ToList();
        var expected = Reference.Expected("tokenizer.input_ids");
        Assert.Equal(new long[] { prompts.Count, ClipTokenizer.DefaultMaxLength }, expected.shape);
        for (var i = 0; i < prompts.Count; i++)
        {
            var want = expected[i].data<long>().ToArray();
            Assert.Equal(want, tokenizer.Encode(prompts[i]));
        }
    }

    [Fact]
    public void Tiny_tokenizer_takes_special_ids_from_its_vocabulary()
    {
        var tokenizer = Tiny();
        Assert.Equal(998, tokenizer.BosId);
        Assert.Equal(999, tokenizer.EosId);
        Assert.Equal(1000, tokenizer.VocabSize);
    }

    [Fact]
    public void EncodeBatch_stacks_the_rows_of_Encode()
    {
        var tokenizer = Tiny();
        string[] prompts = ["a cat", "", "two dogs"];
        var batch = tokenizer.EncodeBatch(prompts);
        for (var row = 0; row < prompts.Length; row++)
            Assert.Equal(tokenizer.Encode(prompts[row]), Enumerable.Range(0, ClipTokenizer.DefaultMaxLength).Select(c => batch[row, c]));
    }

    [Fact]
    public void CountTokens_counts_bpe_tokens_beyond_the_truncation_limit()
    {
        var tokenizer = Tiny();
        var longPrompt = string.Join(" ", Enumerable.Repeat("a", 100));
        Assert.Equal(100, tokenizer.CountTokens(longPrompt));
        var ids = tokenizer.Encode(longPrompt);
        Assert.Equal(ClipTokenizer.DefaultMaxLength, ids.Length);
        Assert.Equal(tokenizer.BosId, ids[0]);
        Assert.Equal(tokenizer.EosId, ids[^1]);
        Assert.DoesNotContain((long)tokenizer.EosId, ids[1..^1]);
    }

    [Fact]
    public void Encode_cleans_whitespace_case_and_control_characters()
    {
        var tokenizer = Tiny();
        Assert.Equal(tokenizer.Encode("a red car"), tokenizer.Encode("  A\tRED\u0007\n\n  car \u200b"));
    }

    [Fact]
    public void Encode_maps_special_token_text_to_its_id()
    {
        var tokenizer = Tiny();
        Assert.Equal(new[] { tokenizer.EosId }, tokenizer.EncodeToBpeIds("<|endoftext|>"));
    }

    [Fact]
    public void AddToken_appends_the_next_id_and_maps_the_whole_word_to_it()
    {
        var tokenizer = Tiny();
        var before = tokenizer.EncodeToBpeIds("a photo of sks dog");
        var sks = tokenizer.AddToken("sks*");
        var angle = tokenizer.AddToken("<S1>");

        Assert.Equal(1000, sks);
        Assert.Equal(1001, angle);
        Assert.Equal(1002, tokenizer.VocabSize);
        Assert.Equal(sks, tokenizer.AddToken("sks*"));

        var a = tokenizer.EncodeToBpeIds("a");
        var dog = tokenizer.EncodeToBpeIds("dog");
        var comma = tokenizer.EncodeToBpeIds(",");
        Assert.Equal(a.Append(sks).Concat(comma).Concat(dog), tokenizer.EncodeToBpeIds("A SKS*, dog"));
        Assert.Equal(a.Append(angle).Concat(dog), tokenizer.EncodeToBpeIds("a <s1> dog"));
        // Glued to more letters it is a different word, so BPE handles it as before.
        Assert.DoesNotContain(sks, tokenizer.EncodeToBpeIds("tasks*"));
        Assert.Equal(before, tokenizer.EncodeToBpeIds("a photo of sks dog"));

        var ids = tokenizer.Encode("a sks* dog");
        Assert.Equal(new long[] { tokenizer.BosId }.Concat(a.Select(i => (long)i)).Append(sks)
            .Concat(dog.Select(i => (long)i)).Append(tokenizer.EosId), ids.Take(2 + a.Count + dog.Count + 1));
        Assert.Equal(a.Count + 2 + dog.Count, tokenizer.CountTokens("a sks* <s1> dog"));
    }

    [Fact]
    public void Added_tokens_survive_Save_and_FromFolder()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            var tokenizer = Tiny();
            var id = tokenizer.AddToken("sks*");
            tokenizer.Save(dir);
            Assert.True(File.Exists(Path.Combine(dir, "added_tokens.json")));

            var reloaded = ClipTokenizer.FromFolder(dir);
            Assert.Equal(1001, reloaded.VocabSize);
            Assert.Equal(tokenizer.Encode("a photo of sks* dog"), reloaded.Encode("a photo of sks* dog"));
            Assert.Contains((long)id, reloaded.Encode("a photo of sks* dog"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FromFolder_rejects_added_tokens_with_ids_that_leave_a_gap()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            Tiny().Save(dir);
            File.WriteAllText(Path.Combine(dir, "added_tokens.json"), """{"<s1>": 1005}""");
            var e = Assert.Throws<CheckpointException>(() => ClipTokenizer.FromFolder(dir));
            Assert.Contains("added_tokens.json", e.Message);
            Assert.Contains("1005", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AddToken_rejects_tokens_with_spaces_and_special_tokens()
    {
        var tokenizer = Tiny();
        Assert.Throws<ArgumentException>(() => tokenizer.AddToken("two words"));
        Assert.Throws<ArgumentException>(() => tokenizer.AddToken("  "));
        Assert.Throws<ArgumentException>(() => tokenizer.AddToken("<|endoftext|>"));
    }

    [Fact]
    public void FromFolder_names_the_missing_file()
    {
        var dir = TestPaths.NewTempDir();
        try
        {
            File.Copy(Path.Combine(TestPaths.TinySd15, "tokenizer", "vocab.json"), Path.Combine(dir, "vocab.json"));
            var e = Assert.Throws<CheckpointException>(() => ClipTokenizer.FromFolder(dir));
            Assert.Contains("merges.txt", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void FromOpenAiBpeGzip_names_the_missing_file()
    {
        var e = Assert.Throws<CheckpointException>(() => ClipTokenizer.FromOpenAiBpeGzip("/nonexistent/bpe.txt.gz"));
        Assert.Contains("/nonexistent/bpe.txt.gz", e.Message);
    }
}
