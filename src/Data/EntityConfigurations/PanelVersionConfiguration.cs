using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

internal sealed class PanelVersionConfiguration : IEntityTypeConfiguration<PanelVersion>
{
    public void Configure(EntityTypeBuilder<PanelVersion> builder)
    {
        builder.HasIndex(v => new { v.PanelId, v.ChosenAt });
        builder.HasIndex(v => v.ImageId);

        builder.HasOne(v => v.Panel).WithMany(p => p.Versions)
            .HasForeignKey(v => v.PanelId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(v => v.Image).WithMany()
            .HasForeignKey(v => v.ImageId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(v => v.ChosenBy).WithMany()
            .HasForeignKey(v => v.ChosenById)
            .OnDelete(DeleteBehavior.SetNull);
    }
}
