using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

internal sealed class SavedPoseConfiguration : IEntityTypeConfiguration<SavedPose>
{
    public void Configure(EntityTypeBuilder<SavedPose> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(ModelBuilderConventions.NameLength).IsRequired();
        builder.Property(p => p.NormalizedName).HasMaxLength(ModelBuilderConventions.NameLength).IsRequired();
        builder.Property(p => p.KeypointsJson).HasColumnType("jsonb").IsRequired();
        builder.HasXminConcurrencyToken(p => p.Version);
        // The database, not a check-then-insert, decides between two people saving the same name at once.
        builder.HasIndex(p => new { p.ProjectId, p.NormalizedName }).IsUnique();

        builder.HasOne(p => p.Project).WithMany()
            .HasForeignKey(p => p.ProjectId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.CreatedBy).WithMany()
            .HasForeignKey(p => p.CreatedById)
            .OnDelete(DeleteBehavior.SetNull);
    }
}
