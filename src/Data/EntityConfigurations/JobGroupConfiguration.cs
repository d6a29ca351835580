using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

internal sealed class JobGroupConfiguration : IEntityTypeConfiguration<JobGroup>
{
    public void Configure(EntityTypeBuilder<JobGroup> builder)
    {
        builder.Property(g => g.Kind).IsStoredAsName();
        builder.Property(g => g.Title).HasMaxLength(300).IsRequired();
        builder.Property(g => g.SweepJson).HasColumnType("jsonb");
        builder.HasXminConcurrencyToken(g => g.Version);

        builder.HasIndex(g => new { g.ProjectId, g.CreatedAt });

        builder.HasOne(g => g.Project).WithMany()
            .HasForeignKey(g => g.ProjectId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(g => g.RequestedBy).WithMany()
            .HasForeignKey(g => g.RequestedById)
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(g => g.Storyboard).WithMany()
            .HasForeignKey(g => g.StoryboardId)
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(g => g.Character).WithMany()
            .HasForeignKey(g => g.CharacterId)
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(g => g.GridImage).WithMany()
            .HasForeignKey(g => g.GridImageId)
            .OnDelete(DeleteBehavior.SetNull);
    }
}
