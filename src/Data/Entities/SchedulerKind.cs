namespace DreamTuner.Data.Entities;

/// <summary>The samplers the engine implements (diffusers names in comments).</summary>
public enum SchedulerKind
{
    /// <summary>DDIMScheduler.</summary>
    Ddim,

    /// <summary>DPMSolverMultistepScheduler, algorithm_type "dpmsolver++", solver_order 2.</summary>
    DpmSolverPlusPlus2M,

    /// <summary>DPM-Solver++ 2M with use_karras_sigmas.</summary>
    DpmSolverPlusPlus2MKarras,

    /// <summary>EulerAncestralDiscreteScheduler.</summary>
    EulerAncestral,

    /// <summary>PNDMScheduler (PLMS steps, as SD 1.x shipped).</summary>
    Pndm,

    /// <summary>EulerDiscreteScheduler.</summary>
    Euler,
}
