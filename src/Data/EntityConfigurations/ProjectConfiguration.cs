using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(ModelBuilderConventions.NameLength).IsRequired();
        builder.HasXminConcurrencyToken(p => p.Version);
        builder.Property(p => p.IdentityThreshold).HasDefaultValue(Project.DefaultIdentityThreshold);

        builder.HasOne(p => p.CreatedBy).WithMany()
            .HasForeignKey(p => p.CreatedById)
            .OnDelete(DeleteBehavior.SetNull);
    }
}
