using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.Property(a => a.Kind).IsStoredAsName();
        builder.Property(a => a.Summary).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(100);
        builder.HasIndex(a => new { a.ProjectId, a.At });

        builder.HasOne(a => a.Project).WithMany(p => p.Activities)
            .HasForeignKey(a => a.ProjectId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(a => a.User).WithMany()
            .HasForeignKey(a => a.UserId)
            .OnDelete(DeleteBehavior.SetNull);
    }
}
