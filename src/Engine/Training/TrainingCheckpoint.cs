using System.Text.Json;
using DreamTuner.Engine.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace DreamTuner.Engine.Training;

/// <summary>
/// What a training run needs to continue exactly where it stopped: the step reached, the trainable tensors, the
/// optimiser's moments and the loss history. Written to a temporary folder and renamed into place, so a crash during
/// the write leaves the previous checkpoint intact.
/// </summary>
public sealed record TrainingCheckpoint(int Step, IReadOnlyList<double> Losses)
{
    public const string WeightsFile = "trainable.safetensors";
    public const string OptimizerFile = "optimizer.bin";
    public const string StateFile = "state.json";
    /// <summary>The weight average of a run that keeps one (<see cref="AveragedWeights"/>).</summary>
    public const string AverageFile = "average.safetensors";

    public static void Save(string dir, int step, IReadOnlyList<double> losses, IReadOnlyDictionary<string, Tensor> trainable,
        optim.Optimizer optimizer, IReadOnlyDictionary<string, Tensor>? average = null)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(dir))!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(dir)}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        StateDict.Write(Path.Combine(temp, WeightsFile), trainable);
        ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(Path.Combine(temp, OptimizerFile));
        if (average is not null)
            StateDict.Write(Path.Combine(temp, AverageFile), average);
        File.WriteAllText(Path.Combine(temp, StateFile), JsonSerializer.Serialize(new TrainingCheckpoint(step, losses)));
        var old = dir + ".old";
        if (Directory.Exists(old)) Directory.Delete(old, true);
        if (Directory.Exists(dir)) Directory.Move(dir, old);
        Directory.Move(temp, dir);
        if (Directory.Exists(old)) Directory.Delete(old, true);
    }

    /// <summary>The checkpoint in <paramref name="dir"/>, or null when there is none (a fresh run).</summary>
    public static TrainingCheckpoint? TryRead(string dir)
    {
        // A crash between the two moves leaves only ".old": it is the last complete checkpoint.
        if (!File.Exists(Path.Combine(dir, StateFile)) && File.Exists(Path.Combine(dir + ".old", StateFile)))
            Directory.Move(dir + ".old", dir);
        var state = Path.Combine(dir, StateFile);
        return File.Exists(state) ? JsonSerializer.Deserialize<TrainingCheckpoint>(File.ReadAllText(state)) : null;
    }

    /// <summary>
    /// Copies the saved tensors into <paramref name="trainable"/>, restores the optimiser's state and, when the run keeps
    /// a weight average and the checkpoint holds one (it does from the average's start step on), the average. The
    /// optimiser keeps the learning rate it was built with: its saved state carries the rate of the run that saved it,
    /// and a run resumed with another rate (a changed option, a plan continued) must train at the one it was given.
    /// </summary>
    public static void Restore(string dir, IReadOnlyDictionary<string, Tensor> trainable, optim.Optimizer optimizer,
        AveragedWeights? average = null)
    {
        CopyByName(dir, WeightsFile, trainable);
        var rates = optimizer.ParamGroups.Select(g => g.LearningRate).ToList();
        ((TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(Path.Combine(dir, OptimizerFile));
        foreach (var (group, rate) in optimizer.ParamGroups.Zip(rates))
            group.LearningRate = rate;
        if (average is not null && File.Exists(Path.Combine(dir, AverageFile)))
            CopyByName(dir, AverageFile, average.StartFromWeights());
    }

    private static void CopyByName(string dir, string file, IReadOnlyDictionary<string, Tensor> into)
    {
        var saved = StateDict.Read(Path.Combine(dir, file));
        try
        {
            using var noGrad = no_grad();
            foreach (var (name, tensor) in into)
            {
                if (!saved.TryGetValue(name, out var value))
                    throw new CheckpointException($"{dir}: the checkpoint's {file} lacks {name}; it belongs to another run");
                tensor.copy_(value);
            }
        }
        finally
        {
            foreach (var t in saved.Values) t.Dispose();
        }
    }
}
