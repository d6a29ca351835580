using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

internal sealed class GenerationConfiguration : IEntityTypeConfiguration<Generation>
{
    public void Configure(EntityTypeBuilder<Generation> builder)
    {
        builder.Property(g => g.Prompt).IsRequired();
        builder.Property(g => g.Scheduler).IsStoredAsName();
        builder.Property(g => g.ControlType).HasConversion<string>().HasMaxLength(ModelBuilderConventions.EnumLength);
        builder.Property(g => g.Status).IsStoredAsName();
        builder.Property(g => g.InitImageHash).IsBlobHash();
        builder.Property(g => g.ControlImageHash).IsBlobHash();
        builder.Property(g => g.ExtraReferenceHash).IsBlobHash();
        builder.Property(g => g.ModelId).HasMaxLength(ModelBuilderConventions.NameLength).IsRequired();
        builder.Property(g => g.CharacterIds).HasColumnType("uuid[]");
        builder.Property(g => g.Warnings).HasColumnType("text[]");
        builder.Property(g => g.HangfireJobId).HasMaxLength(100);
        builder.HasXminConcurrencyToken(g => g.Version);

        builder.HasIndex(g => new { g.ProjectId, g.CreatedAt });
        builder.HasIndex(g => g.GroupId);
        builder.HasIndex(g => g.Status);
        builder.HasIndex(g => g.PanelId);

        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Generations_InitStrength_Range", "\"InitStrength\" IS NULL OR (\"InitStrength\" >= 0 AND \"InitStrength\" <= 1)");
            t.HasCheckConstraint("CK_Generations_ReferenceProbability_Range", "\"ReferenceProbability\" >= 0 AND \"ReferenceProbability\" <= 1");
            t.HasCheckConstraint("CK_Generations_ControlRange", "\"ControlStart\" >= 0 AND \"ControlStart\" <= \"ControlEnd\" AND \"ControlEnd\" <= 1");
            t.HasCheckConstraint("CK_Generations_Size_Positive", "\"Width\" > 0 AND \"Height\" > 0 AND \"Steps\" > 0 AND \"BatchSize\" > 0");
        });

        builder.HasOne(g => g.Project).WithMany(p => p.Generations)
            .HasForeignKey(g => g.ProjectId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(g => g.InitImage).WithMany()
            .HasForeignKey(g => g.InitImageHash)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(g => g.ControlImage).WithMany()
            .HasForeignKey(g => g.ControlImageHash)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(g => g.ExtraReference).WithMany()
            .HasForeignKey(g => g.ExtraReferenceHash)
            .OnDelete(DeleteBehavior.Restrict);
        // A deleted panel keeps its renders as ordinary gallery images.
        builder.HasOne(g => g.Panel).WithMany()
            .HasForeignKey(g => g.PanelId)
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(g => g.RequestedBy).WithMany()
            .HasForeignKey(g => g.RequestedById)
            .OnDelete(DeleteBehavior.SetNull);
    }
}
