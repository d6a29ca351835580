using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DreamTuner.Engine.Imaging;

/// <summary>
/// Reads and writes generation settings in a PNG the way AUTOMATIC1111 does: a text chunk keyed
/// <c>parameters</c> holding the "infotext" (prompt line(s), an optional <c>Negative prompt: ...</c> line, and a
/// last line of <c>Key: value</c> pairs). Follows A1111's <c>create_infotext</c> / <c>parse_generation_parameters</c>
/// and Pillow's <c>PngInfo.add_text</c>: <c>tEXt</c> when the text is Latin-1, otherwise an uncompressed <c>iTXt</c>.
/// </summary>
public static partial class PngParameters
{
    public const string Keyword = "parameters";
    private const string NegativePromptLabel = "Negative prompt:";

    /// <summary>A1111's infotext for <paramref name="info"/>.</summary>
    public static string Format(GenerationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var settings = string.Join(", ", info.Settings.Select(kv => $"{kv.Key}: {Quote(kv.Value)}"));
        var negative = info.NegativePrompt.Length > 0 ? $"\n{NegativePromptLabel} {info.NegativePrompt}" : "";
        return $"{info.Prompt}{negative}\n{settings}".Trim();
    }

    /// <summary>
    /// Parses an infotext (ours or A1111's). As in A1111, the last line holds the settings only if it has at
    /// least three <c>Key: value</c> pairs; otherwise it is part of the prompt.
    /// </summary>
    public static GenerationInfo Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Trim().Split('\n').ToList();
        var lastLine = lines[^1];
        lines.RemoveAt(lines.Count - 1);
        if (SettingPattern().Matches(lastLine).Count < 3)
        {
            lines.Add(lastLine);
            lastLine = "";
        }

        var prompt = new StringBuilder();
        var negative = new StringBuilder();
        bool inNegative = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith(NegativePromptLabel, StringComparison.Ordinal))
            {
                inNegative = true;
                line = line[NegativePromptLabel.Length..].Trim();
            }
            var target = inNegative ? negative : prompt;
            if (target.Length > 0)
                target.Append('\n');
            target.Append(line);
        }

        var settings = new OrderedDictionary<string, string>();
        foreach (Match m in SettingPattern().Matches(lastLine))
        {
            var value = m.Groups[2].Value;
            settings[m.Groups[1].Value] = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? Unquote(value) : value;
        }
        return new GenerationInfo(prompt.ToString(), negative.ToString(), settings);
    }

    /// <summary>Returns a copy of <paramref name="png"/> holding <paramref name="info"/> (replacing any previous parameters chunk).</summary>
    public static byte[] Embed(ReadOnlySpan<byte> png, GenerationInfo info) => EmbedText(png, Format(info));

    /// <summary>Returns a copy of <paramref name="png"/> with <paramref name="text"/> as its <c>parameters</c> text chunk.</summary>
    public static byte[] EmbedText(ReadOnlySpan<byte> png, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var keyword = Encoding.Latin1.GetBytes(Keyword);
        byte[] chunk;
        if (IsLatin1(text))
        {
            // tEXt: keyword, NUL, Latin-1 text.
            chunk = PngChunks.Build("tEXt", [.. keyword, 0, .. Encoding.Latin1.GetBytes(text)]);
        }
        else
        {
            // iTXt: keyword, NUL, compression flag 0, method 0, empty language tag, NUL, empty translated keyword, NUL, UTF-8 text.
            chunk = PngChunks.Build("iTXt", [.. keyword, 0, 0, 0, 0, 0, .. Encoding.UTF8.GetBytes(text)]);
        }
        var copy = png.ToArray();
        return PngChunks.InsertAfterHeader(copy, chunk, c => IsTextChunk(c.Type) && ReadTextChunk(copy, c)?.Keyword == Keyword);
    }

    /// <summary>The <c>parameters</c> text of a PNG (tEXt, iTXt or zTXt), or null if it has none.</summary>
    public static string? ReadText(ReadOnlySpan<byte> png)
    {
        foreach (var chunk in PngChunks.Read(png))
            if (IsTextChunk(chunk.Type) && ReadTextChunk(png, chunk) is { Keyword: Keyword } text)
                return text.Text;
        return null;
    }

    /// <summary>The parsed <c>parameters</c> of a PNG, or null if it has none.</summary>
    public static GenerationInfo? Read(ReadOnlySpan<byte> png) => ReadText(png) is { } text ? Parse(text) : null;

    /// <summary>A1111's <c>quote</c>: JSON-quote values that would break the comma-separated line.</summary>
    private static string Quote(string value)
    {
        // Beyond A1111 we also quote a value that already looks quoted, or reading it back would strip its quotes.
        bool needsQuotes = value.Contains(',') || value.Contains('\n') || value.Contains(':') ||
                           (value.Length >= 2 && value[0] == '"' && value[^1] == '"');
        return needsQuotes ? JsonDumps(value) : value;
    }

    private static string Unquote(string value)
    {
        try
        {
            return JsonSerializer.Deserialize<string>(value) ?? value;
        }
        catch (JsonException)
        {
            return value;
        }
    }

    /// <summary>Python's <c>json.dumps(value, ensure_ascii=False)</c> for a string.</summary>
    private static string JsonDumps(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4")); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static bool IsLatin1(string text)
    {
        foreach (var c in text)
            if (c > '\u00FF')
                return false;
        return true;
    }

    private static bool IsTextChunk(string type) => type is "tEXt" or "iTXt" or "zTXt";

    private static (string Keyword, string Text)? ReadTextChunk(ReadOnlySpan<byte> png, PngChunks.Chunk chunk)
    {
        var data = png.Slice(chunk.DataOffset, chunk.DataLength);
        int nul = data.IndexOf((byte)0);
        if (nul <= 0)
            return null;
        var keyword = Encoding.Latin1.GetString(data[..nul]);
        var rest = data[(nul + 1)..];
        try
        {
            switch (chunk.Type)
            {
                case "tEXt":
                    return (keyword, Encoding.Latin1.GetString(rest));
                case "zTXt":
                    return rest.Length < 1 ? null : (keyword, Encoding.Latin1.GetString(Inflate(rest[1..])));
                default:
                {
                    if (rest.Length < 2)
                        return null;
                    bool compressed = rest[0] == 1;
                    rest = rest[2..];
                    int languageEnd = rest.IndexOf((byte)0);
                    if (languageEnd < 0)
                        return null;
                    rest = rest[(languageEnd + 1)..];
                    int translatedEnd = rest.IndexOf((byte)0);
                    if (translatedEnd < 0)
                        return null;
                    rest = rest[(translatedEnd + 1)..];
                    return (keyword, Encoding.UTF8.GetString(compressed ? Inflate(rest) : rest));
                }
            }
        }
        catch (InvalidDataException)
        {
            return null; // a damaged compressed chunk is skipped like an absent one
        }
    }

    private static byte[] Inflate(ReadOnlySpan<byte> zlib)
    {
        using var input = new MemoryStream(zlib.ToArray());
        using var inflater = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflater.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>A1111's <c>re_param_code</c>: a key, a colon, then a JSON-quoted value or anything up to the next comma.</summary>
    [GeneratedRegex(@"\s*(\w[\w \-/]+):\s*(""(?:\\.|[^\\""])+""|[^,]*)(?:,|$)")]
    private static partial Regex SettingPattern();
}
