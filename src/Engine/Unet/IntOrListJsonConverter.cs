using System.Text.Json;
using System.Text.Json.Serialization;

namespace DreamTuner.Engine.Unet;

/// <summary>Reads a JSON number or array of numbers into <see cref="IntOrList"/> and writes it back in the same form.</summary>
public sealed class IntOrListJsonConverter : JsonConverter<IntOrList>
{
    public override IntOrList? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return IntOrList.Of(reader.GetInt32());
            case JsonTokenType.StartArray:
                var values = new List<int>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.Number)
                        throw new JsonException($"expected a number in the list, found {reader.TokenType}");
                    values.Add(reader.GetInt32());
                }
                return IntOrList.List(values.ToArray());
            default:
                throw new JsonException($"expected a number or a list of numbers, found {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, IntOrList value, JsonSerializerOptions options)
    {
        if (!value.IsList)
        {
            writer.WriteNumberValue(value.Values[0]);
            return;
        }
        writer.WriteStartArray();
        foreach (var v in value.Values)
            writer.WriteNumberValue(v);
        writer.WriteEndArray();
    }
}
