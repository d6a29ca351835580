using System.Text.Json;
using System.Text.RegularExpressions;
using DreamTuner.Engine.Checkpoints;
using Microsoft.ML.Tokenizers;

namespace DreamTuner.Engine.Text;

/// <summary>
/// CLIP's BPE tokenizer as Stable Diffusion 1.x uses it: <c>[bos] + bpe[:75] + [eos]</c>, padded to 77 with eos
/// (or to the folder's <c>model_max_length</c>: a model trained on short captions, like the starter model, may read
/// fewer positions).
/// BPE itself is Microsoft.ML.Tokenizers' byte-level <see cref="BpeTokenizer"/>; this class adds CLIP's text
/// clean-up, the special ids, truncation/padding and whole-word tokens added after loading (learned subject
/// tokens such as <c>sks*</c>), which the BPE vocabulary cannot express. Add tokens before sharing an
/// instance between threads: <see cref="AddToken"/> swaps the token matcher without locking.
/// </summary>
public sealed class ClipTokenizer
{
    /// <summary>Stable Diffusion 1.x's sequence length, used when the folder does not say.</summary>
    public const int DefaultMaxLength = 77;
    /// <summary>bos, one BPE token, eos: the shortest sequence that can carry a word.</summary>
    public const int MinMaxLength = 3;
    public const string ConfigFileName = "tokenizer_config.json";

    /// <summary>CLIP's pre-tokenizer pattern (OpenAI simple_tokenizer.py), compiled case-insensitively as there.</summary>
    public const string Pattern =
        @"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+";

    private readonly ClipVocabulary _vocabulary;
    private readonly BpeTokenizer _bpe;
    private readonly int _baseVocabSize;
    private readonly Dictionary<string, int> _addedTokens = new(StringComparer.Ordinal);
    private Regex? _addedTokenPattern;

    private ClipTokenizer(ClipVocabulary vocabulary, int maxLength = DefaultMaxLength)
    {
        if (maxLength < MinMaxLength)
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, $"a CLIP sequence needs at least {MinMaxLength} positions");
        _vocabulary = vocabulary;
        MaxLength = maxLength;
        BosId = vocabulary.Tokens[ClipVocabulary.StartOfText];
        EosId = vocabulary.Tokens[ClipVocabulary.EndOfText];
        _baseVocabSize = vocabulary.Tokens.Values.Max() + 1;
        var specials = new Dictionary<string, int>
        {
            [ClipVocabulary.StartOfText] = BosId,
            [ClipVocabulary.EndOfText] = EosId,
        };
        _bpe = BpeTokenizer.Create(new BpeOptions(vocabulary.Tokens)
        {
            Merges = vocabulary.Merges,
            SpecialTokens = specials,
            ByteLevel = true,
            EndOfWordSuffix = ClipVocabulary.EndOfWordSuffix,
            UnknownToken = ClipVocabulary.EndOfText,
            PreTokenizer = new RegexPreTokenizer(
                new Regex(Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled),
                specials),
        });
    }

    /// <summary>
    /// Reads a diffusers <c>tokenizer/</c> folder: vocab.json + merges.txt, added_tokens.json if a learned
    /// token was saved with it, and the sequence length from tokenizer_config.json's <c>model_max_length</c> (77
    /// when absent).
    /// </summary>
    public static ClipTokenizer FromFolder(string tokenizerDir)
    {
        var tokenizer = new ClipTokenizer(ClipVocabulary.FromFolder(tokenizerDir), ClipTokenizerConfig.ReadMaxLength(tokenizerDir));
        foreach (var (token, id) in ClipVocabulary.ReadAddedTokens(tokenizerDir))
        {
            if (tokenizer._addedTokens.ContainsKey(ClipNormalizer.Instance.Normalize(token)))
                continue;
            var assigned = tokenizer.AddToken(token);
            if (assigned != id)
                throw new CheckpointException(
                    $"{Path.Combine(tokenizerDir, ClipVocabulary.AddedTokensFileName)}: \"{token}\" has id {id}, but the next free id is {assigned}");
        }
        return tokenizer;
    }

    /// <summary>A tokenizer over <paramref name="vocabulary"/> that pads to <paramref name="maxLength"/> ids.</summary>
    public static ClipTokenizer FromVocabulary(ClipVocabulary vocabulary, int maxLength = DefaultMaxLength) =>
        new(vocabulary ?? throw new ArgumentNullException(nameof(vocabulary)), maxLength);

    /// <summary>Builds the tokenizer from OpenAI's <c>bpe_simple_vocab_16e6.txt.gz</c>.</summary>
    public static ClipTokenizer FromOpenAiBpeGzip(string bpeSimpleVocabGz) =>
        new(ClipVocabulary.FromOpenAiBpeGzip(bpeSimpleVocabGz));

    /// <summary>Ids per encoded prompt: bos, at most <see cref="MaxBpeTokens"/> BPE ids, eos, eos padding.</summary>
    public int MaxLength { get; }

    public int MaxBpeTokens => MaxLength - 2;

    public int BosId { get; }
    public int EosId { get; }

    /// <summary>Number of ids including added tokens: the text encoder's embedding must have this many rows.</summary>
    public int VocabSize => _baseVocabSize + _addedTokens.Count;

    public IReadOnlyDictionary<string, int> AddedTokens => _addedTokens;

    /// <summary>The <see cref="MaxLength"/> (77) ids the text encoder takes: bos, at most 75 BPE ids, eos, then eos as padding.</summary>
    public long[] Encode(string prompt)
    {
        var ids = new long[MaxLength];
        Array.Fill(ids, EosId);
        ids[0] = BosId;
        var bpe = EncodeToBpeIds(prompt);
        var kept = Math.Min(bpe.Count, MaxBpeTokens);
        for (var i = 0; i < kept; i++)
            ids[i + 1] = bpe[i];
        return ids;
    }

    /// <summary>Encodes several prompts into a [prompts, <see cref="MaxLength"/>] array (row order = prompt order).</summary>
    public long[,] EncodeBatch(IReadOnlyList<string> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        var batch = new long[prompts.Count, MaxLength];
        for (var row = 0; row < prompts.Count; row++)
        {
            var ids = Encode(prompts[row]);
            for (var col = 0; col < MaxLength; col++)
                batch[row, col] = ids[col];
        }
        return batch;
    }

    /// <summary>BPE ids of the cleaned-up text, without bos/eos and without truncation.</summary>
    public IReadOnlyList<int> EncodeToBpeIds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = ClipNormalizer.Instance.Normalize(text);
        var ids = new List<int>();
        if (_addedTokenPattern == null)
        {
            EncodeSegment(normalized, ids);
            return ids;
        }

        var start = 0;
        foreach (Match match in _addedTokenPattern.Matches(normalized))
        {
            EncodeSegment(normalized[start..match.Index], ids);
            ids.Add(_addedTokens[match.Value]);
            start = match.Index + match.Length;
        }
        EncodeSegment(normalized[start..], ids);
        return ids;
    }

    /// <summary>
    /// BPE tokens the prompt needs, before truncation: more than <see cref="MaxBpeTokens"/> means the end of the
    /// prompt is cut off.
    /// </summary>
    public int CountTokens(string prompt) => EncodeToBpeIds(prompt).Count;

    /// <summary>
    /// Appends a whole-word token (e.g. a learned subject token <c>sks*</c> or <c>&lt;s1&gt;</c>) with the next id
    /// and makes <see cref="Encode"/> map that exact word to it. The token is cleaned up like prompts (so it is
    /// lower-case) and matches only where it is not glued to further letters or digits, so adding <c>sks</c>
    /// leaves "tasks" alone. Adding the same token again returns its id.
    /// </summary>
    public int AddToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var normalized = ClipNormalizer.Instance.Normalize(token);
        if (normalized.Length == 0 || normalized.Contains(' '))
            throw new ArgumentException($"A token must be one word without spaces, got \"{token}\"", nameof(token));
        if (normalized is ClipVocabulary.StartOfText or ClipVocabulary.EndOfText)
            throw new ArgumentException($"\"{token}\" is a CLIP special token", nameof(token));
        if (_addedTokens.TryGetValue(normalized, out var existing))
            return existing;

        var id = VocabSize;
        _addedTokens[normalized] = id;
        _addedTokenPattern = BuildAddedTokenPattern(_addedTokens.Keys);
        return id;
    }

    /// <summary>Writes the tokenizer as a diffusers <c>tokenizer/</c> folder that <see cref="FromFolder"/> reads back.</summary>
    public void Save(string tokenizerDir)
    {
        _vocabulary.Save(tokenizerDir);
        ClipTokenizerConfig.Write(tokenizerDir, MaxLength);
        var addedPath = Path.Combine(tokenizerDir, ClipVocabulary.AddedTokensFileName);
        if (_addedTokens.Count > 0)
            File.WriteAllText(addedPath, JsonSerializer.Serialize(_addedTokens.OrderBy(kv => kv.Value)
                .ToDictionary(kv => kv.Key, kv => kv.Value)));
        else if (File.Exists(addedPath))
            File.Delete(addedPath);
    }

    private void EncodeSegment(string segment, List<int> ids)
    {
        if (segment.Length > 0)
            ids.AddRange(_bpe.EncodeToIds(segment, considerPreTokenization: true, considerNormalization: false));
    }

    private static Regex BuildAddedTokenPattern(IEnumerable<string> tokens)
    {
        // Longest first so that "sks*" wins over "sks" at the same position.
        var alternatives = tokens.OrderByDescending(t => t.Length).Select(t =>
            (char.IsLetterOrDigit(t[0]) ? @"(?<![\p{L}\p{N}])" : "") +
            Regex.Escape(t) +
            (char.IsLetterOrDigit(t[^1]) ? @"(?![\p{L}\p{N}])" : ""));
        return new Regex(string.Join("|", alternatives), RegexOptions.CultureInvariant);
    }
}
