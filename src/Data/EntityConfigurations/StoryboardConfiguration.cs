using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

internal sealed class StoryboardConfiguration : IEntityTypeConfiguration<Storyboard>
{
    public void Configure(EntityTypeBuilder<Storyboard> builder)
    {
        builder.Property(s => s.Title).HasMaxLength(ModelBuilderConventions.NameLength).IsRequired();
        builder.HasXminConcurrencyToken(s => s.Version);
        builder.HasIndex(s => s.ProjectId);

        builder.HasOne(s => s.Project).WithMany(p => p.Storyboards)
            .HasForeignKey(s => s.ProjectId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
