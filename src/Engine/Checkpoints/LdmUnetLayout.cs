namespace DreamTuner.Engine.Checkpoints;

/// <summary>
/// The part of a UNet config that decides how LDM's flat <c>input_blocks.N</c> / <c>output_blocks.N</c>
/// indices map onto diffusers' nested blocks. LDM files do not carry it, so it comes from the UNet config.
/// </summary>
/// <param name="LayersPerBlock">Resnets per down block (up blocks have one more).</param>
/// <param name="NumBlocks">Number of down blocks (= up blocks = entries of block_out_channels).</param>
/// <param name="DownHasAttention">Per down block: CrossAttnDownBlock2D (true) or DownBlock2D.</param>
/// <param name="UpHasAttention">Per up block, in diffusers order: CrossAttnUpBlock2D (true) or UpBlock2D.</param>
public sealed record LdmUnetLayout(int LayersPerBlock, int NumBlocks, bool[] DownHasAttention, bool[] UpHasAttention)
{
    /// <summary>Stable Diffusion 1.x: 4 blocks of 2 layers, attention in down 0..2 and up 1..3.</summary>
    public static LdmUnetLayout Sd15 { get; } =
        new(2, 4, [true, true, true, false], [false, true, true, true]);

    /// <summary>Throws when the arrays do not have one entry per block.</summary>
    public void Validate()
    {
        if (LayersPerBlock < 1)
            throw new ArgumentException($"LayersPerBlock is {LayersPerBlock}; it must be at least 1.");
        if (NumBlocks < 1)
            throw new ArgumentException($"NumBlocks is {NumBlocks}; it must be at least 1.");
        if (DownHasAttention.Length != NumBlocks || UpHasAttention.Length != NumBlocks)
            throw new ArgumentException(
                $"NumBlocks is {NumBlocks} but DownHasAttention has {DownHasAttention.Length} and UpHasAttention has {UpHasAttention.Length} entries.");
    }
}
