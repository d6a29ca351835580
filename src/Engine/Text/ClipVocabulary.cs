using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DreamTuner.Engine.Checkpoints;

namespace DreamTuner.Engine.Text;

/// <summary>
/// A CLIP BPE vocabulary (token -> id) and its merge list in rank order, read from a diffusers
/// <c>tokenizer/</c> folder or derived from OpenAI's <c>bpe_simple_vocab_16e6.txt.gz</c>.
/// </summary>
public sealed record ClipVocabulary(IReadOnlyDictionary<string, int> Tokens, IReadOnlyList<string> Merges)
{
    public const string VocabFileName = "vocab.json";
    public const string MergesFileName = "merges.txt";
    public const string AddedTokensFileName = "added_tokens.json";
    public const string EndOfWordSuffix = "</w>";
    public const string StartOfText = "<|startoftext|>";
    public const string EndOfText = "<|endoftext|>";

    // simple_tokenizer.py keeps `merges[1:49152-256-2+1]`: the file holds more merges than CLIP was trained with.
    public const int OpenAiMergeCount = 49152 - 256 - 2;

    public static ClipVocabulary FromFolder(string tokenizerDir)
    {
        var vocabPath = Path.Combine(tokenizerDir, VocabFileName);
        var mergesPath = Path.Combine(tokenizerDir, MergesFileName);
        if (!File.Exists(vocabPath))
            throw new CheckpointException($"Missing file: {vocabPath} (a CLIP tokenizer folder needs {VocabFileName} and {MergesFileName})");
        if (!File.Exists(mergesPath))
            throw new CheckpointException($"Missing file: {mergesPath} (a CLIP tokenizer folder needs {VocabFileName} and {MergesFileName})");

        Dictionary<string, int> tokens;
        try
        {
            tokens = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(vocabPath))
                     ?? throw new CheckpointException($"Empty vocabulary: {vocabPath}");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"Invalid JSON in {vocabPath}: {e.Message}", e);
        }

        var merges = File.ReadAllLines(mergesPath, Encoding.UTF8)
            .Where((line, i) => !(i == 0 && line.StartsWith("#version", StringComparison.Ordinal)))
            .Where(line => line.Length > 0)
            .ToList();
        var vocabulary = new ClipVocabulary(tokens, merges);
        vocabulary.Check(vocabPath);
        return vocabulary;
    }

    /// <summary>Builds the vocabulary exactly as OpenAI's <c>simple_tokenizer.py</c> does from its merges file.</summary>
    public static ClipVocabulary FromOpenAiBpeGzip(string bpeSimpleVocabGz)
    {
        if (!File.Exists(bpeSimpleVocabGz))
            throw new CheckpointException($"Missing file: {bpeSimpleVocabGz}");
        List<string> lines;
        try
        {
            using var gzip = new GZipStream(File.OpenRead(bpeSimpleVocabGz), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            lines = reader.ReadToEnd().Split('\n').ToList();
        }
        catch (InvalidDataException e)
        {
            throw new CheckpointException($"{bpeSimpleVocabGz} is not a gzip file: {e.Message}", e);
        }
        if (lines.Count < OpenAiMergeCount + 1)
            throw new CheckpointException($"{bpeSimpleVocabGz} has {lines.Count - 1} merges; CLIP needs {OpenAiMergeCount}");

        var merges = lines.Skip(1).Take(OpenAiMergeCount).ToList();
        var byteTokens = ByteLevelAlphabet.VocabularyOrder.Select(c => c.ToString()).ToList();
        var ordered = byteTokens
            .Concat(byteTokens.Select(t => t + EndOfWordSuffix))
            .Concat(merges.Select(m => m.Replace(" ", "", StringComparison.Ordinal)))
            .Append(StartOfText)
            .Append(EndOfText);
        var tokens = new Dictionary<string, int>();
        foreach (var token in ordered)
            tokens[token] = tokens.Count;
        var vocabulary = new ClipVocabulary(tokens, merges);
        vocabulary.Check(bpeSimpleVocabGz);
        return vocabulary;
    }

    /// <summary>Writes vocab.json and merges.txt as transformers' <c>save_pretrained</c> does.</summary>
    public void Save(string tokenizerDir)
    {
        Directory.CreateDirectory(tokenizerDir);
        var ordered = Tokens.OrderBy(kv => kv.Value).ToDictionary(kv => kv.Key, kv => kv.Value);
        File.WriteAllText(Path.Combine(tokenizerDir, VocabFileName),
            JsonSerializer.Serialize(ordered, new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllLines(Path.Combine(tokenizerDir, MergesFileName), Merges.Prepend("#version: 0.2"));
    }

    /// <summary>
    /// Tokens added after training (transformers' <c>added_tokens.json</c>, written next to vocab.json when a
    /// learned token is saved), in id order; empty when the file is absent.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, int>> ReadAddedTokens(string tokenizerDir)
    {
        var path = Path.Combine(tokenizerDir, AddedTokensFileName);
        if (!File.Exists(path))
            return [];
        try
        {
            var tokens = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path))
                         ?? throw new CheckpointException($"Empty file: {path}");
            return tokens.OrderBy(kv => kv.Value).ToList();
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"Invalid JSON in {path}: {e.Message}", e);
        }
    }

    private void Check(string source)
    {
        foreach (var special in new[] { StartOfText, EndOfText })
            if (!Tokens.ContainsKey(special))
                throw new CheckpointException($"{source} lacks the CLIP special token {special}");
        var bad = Merges.FirstOrDefault(m => m.Split(' ').Length != 2);
        if (bad != null)
            throw new CheckpointException($"{source}: merge \"{bad}\" is not two tokens separated by one space");
    }
}
