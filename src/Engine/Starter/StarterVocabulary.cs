using System.Text;
using System.Text.RegularExpressions;
using DreamTuner.Engine.Text;

namespace DreamTuner.Engine.Starter;

/// <summary>
/// A small CLIP-format BPE vocabulary for the world, learned from its caption corpus so that every caption
/// word is one token. The learner is plain BPE over CLIP's byte-level symbols with <c>&lt;/w&gt;</c> on each
/// word's last symbol: repeatedly merge the most frequent adjacent pair (ties broken by ordinal order, so the
/// result is deterministic) until every corpus word is a single symbol. Ids follow CLIP's layout: 256 byte
/// tokens, the same with <c>&lt;/w&gt;</c>, merge results in merge order, then the two special tokens.
/// </summary>
public static class StarterVocabulary
{
    /// <summary>Prompt words beyond the captions that later stages (prompts, templates) are likely to use.</summary>
    public static readonly string[] ExtraWords = ["a", "an", "photo", "picture", "image", "of", "the", "in", "on", "with", "and"];

    private static readonly Regex PreTokenizer = new(ClipTokenizer.Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly char[] ByteToChar = BuildByteToChar();

    /// <summary>The vocabulary learned from <see cref="Corpus"/>.</summary>
    public static ClipVocabulary Build() => Learn(Corpus());

    /// <summary>
    /// Every phrase any caption can contain (each attribute value in both caption forms) plus a deterministic
    /// sample of full captions, so word frequencies resemble real captions.
    /// </summary>
    public static IReadOnlyList<string> Corpus()
    {
        var lines = new List<string>();
        var world = new StarterWorld(seed: 0);
        for (var i = 0; i < 500; i++)
        {
            var example = world.TrainingExample(i);
            lines.Add(StarterCaptions.Caption(example));
            lines.Add(StarterCaptions.DetailedCaption(example));
        }
        lines.AddRange(Enum.GetValues<BodyShape>().Select(StarterCaptions.ShapeWord));
        lines.AddRange(Enum.GetValues<StarterColour>().Select(c => c.Word()));
        lines.AddRange(Enum.GetValues<BodyPattern>().Where(p => p != BodyPattern.None).Select(StarterCaptions.PatternWord));
        lines.AddRange(Enum.GetValues<EyeKind>().Select(StarterCaptions.EyesPhrase));
        lines.AddRange(Enum.GetValues<Accessory>().Where(a => a != Accessory.None).Select(StarterCaptions.AccessoryWord));
        lines.AddRange(Enum.GetValues<SceneKind>().Select(StarterCaptions.ScenePhrase));
        lines.AddRange(Enum.GetValues<SpriteScale>().Select(StarterCaptions.SizeWord).OfType<string>());
        foreach (var h in Enum.GetValues<HorizontalPosition>())
            foreach (var v in Enum.GetValues<VerticalPosition>())
                lines.Add(StarterCaptions.PositionPhrase(h, v));
        lines.Add("no pattern and no accessory " + StarterCaptions.ClassWord);
        lines.AddRange(ExtraWords);
        return lines;
    }

    /// <summary>Learns merges until every word of <paramref name="corpus"/> is one token.</summary>
    public static ClipVocabulary Learn(IEnumerable<string> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in corpus)
            foreach (var word in Words(line))
                frequencies[word] = frequencies.GetValueOrDefault(word) + 1;

        // Sorted so that the learner's input, and with it its output, does not depend on dictionary order.
        var words = frequencies.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (Symbols: Symbols(kv.Key), Count: kv.Value)).ToList();
        var merges = new List<string>();
        while (true)
        {
            var pairs = new Dictionary<(string, string), long>();
            foreach (var (symbols, count) in words)
                for (var i = 0; i + 1 < symbols.Count; i++)
                    pairs[(symbols[i], symbols[i + 1])] = pairs.GetValueOrDefault((symbols[i], symbols[i + 1])) + count;
            if (pairs.Count == 0)
                break;
            var best = pairs.OrderByDescending(kv => kv.Value)
                .ThenBy(kv => kv.Key.Item1, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal).First().Key;
            merges.Add($"{best.Item1} {best.Item2}");
            foreach (var (symbols, _) in words)
                MergeInPlace(symbols, best.Item1, best.Item2);
        }

        var byteTokens = ByteLevelAlphabet.VocabularyOrder.Select(c => c.ToString()).ToList();
        var tokens = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in byteTokens
                     .Concat(byteTokens.Select(t => t + ClipVocabulary.EndOfWordSuffix))
                     .Concat(merges.Select(m => m.Replace(" ", "", StringComparison.Ordinal)))
                     .Append(ClipVocabulary.StartOfText)
                     .Append(ClipVocabulary.EndOfText))
            tokens.TryAdd(token, tokens.Count);
        return new ClipVocabulary(tokens, merges);
    }

    /// <summary>
    /// Text of BPE ids (special tokens dropped): tokens joined, <c>&lt;/w&gt;</c> read as a space, byte-level
    /// characters turned back into UTF-8 bytes, as CLIP's decoder does.
    /// </summary>
    public static string Decode(ClipVocabulary vocabulary, IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(ids);
        var byId = vocabulary.Tokens.ToDictionary(kv => kv.Value, kv => kv.Key);
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            var token = byId[id];
            if (token is ClipVocabulary.StartOfText or ClipVocabulary.EndOfText)
                continue;
            text.Append(token);
        }
        var joined = text.ToString().Replace(ClipVocabulary.EndOfWordSuffix, " ", StringComparison.Ordinal);
        var charToByte = new Dictionary<char, byte>();
        for (var b = 0; b < 256; b++)
            charToByte[ByteToChar[b]] = (byte)b;
        var bytes = joined.Select(c => c == ' ' ? (byte)' ' : charToByte[c]).ToArray();
        return Encoding.UTF8.GetString(bytes).Trim();
    }

    /// <summary>The pre-tokenised words of a text, as CLIP's tokenizer splits it (normalised, lower-case).</summary>
    public static IEnumerable<string> Words(string text) =>
        PreTokenizer.Matches(ClipNormalizer.Instance.Normalize(text)).Select(m => m.Value);

    private static List<string> Symbols(string word)
    {
        var symbols = Encoding.UTF8.GetBytes(word).Select(b => ByteToChar[b].ToString()).ToList();
        symbols[^1] += ClipVocabulary.EndOfWordSuffix;
        return symbols;
    }

    private static void MergeInPlace(List<string> symbols, string first, string second)
    {
        for (var i = 0; i + 1 < symbols.Count; i++)
        {
            if (symbols[i] != first || symbols[i + 1] != second)
                continue;
            symbols[i] = first + second;
            symbols.RemoveAt(i + 1);
        }
    }

    // GPT-2/CLIP bytes_to_unicode: printable Latin-1 bytes stand for themselves, the rest map to U+0100.. in byte order.
    private static char[] BuildByteToChar()
    {
        static bool Printable(int b) => b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
        var map = new char[256];
        var extra = 0;
        for (var b = 0; b < 256; b++)
            map[b] = Printable(b) ? (char)b : (char)(256 + extra++);
        return map;
    }
}
