using System.Text.Json;
using DreamTuner.Engine.Tests.Support;
using DreamTuner.Engine.Tests.Unet;

namespace DreamTuner.Engine.Tests.Cli;

public sealed class TokenizeCommandTests
{
    public TokenizeCommandTests() => ReferenceWarmup.Ensure();

    [Fact]
    public void Tokenize_prints_the_77_reference_ids_as_json()
    {
        var prompt = Reference.InputsJson.GetProperty("prompts")[1].GetString()!;
        var run = EngineProcess.Run("tokenize", "--model", TestPaths.TinySd15, "--prompt", prompt);
        Assert.True(run.ExitCode == 0, run.ToString());

        var ids = JsonSerializer.Deserialize<long[]>(run.StdOut.Trim())!;
        Assert.Equal(77, ids.Length);
        Assert.Equal(Reference.Expected("tokenizer.input_ids")[1].data<long>().ToArray(), ids);
    }
}
