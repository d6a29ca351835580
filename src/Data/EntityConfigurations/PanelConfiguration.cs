using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

internal sealed class PanelConfiguration : IEntityTypeConfiguration<Panel>
{
    public void Configure(EntityTypeBuilder<Panel> builder)
    {
        builder.Property(p => p.PoseBlobHash).IsBlobHash();
        builder.HasXminConcurrencyToken(p => p.Version);
        // Not unique: moving a panel renumbers its neighbours in one save, and EF cannot order those
        // updates around a non-deferrable unique index. The storyboard's concurrency token guards order.
        builder.HasIndex(p => new { p.StoryboardId, p.OrderIndex });

        builder.HasOne(p => p.Storyboard).WithMany(s => s.Panels)
            .HasForeignKey(p => p.StoryboardId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.ChosenImage).WithMany()
            .HasForeignKey(p => p.ChosenImageId)
            .OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(p => p.PoseBlob).WithMany()
            .HasForeignKey(p => p.PoseBlobHash)
            .OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(p => p.Characters).WithMany()
            .UsingEntity(
                "PanelCharacters",
                r => r.HasOne(typeof(Character)).WithMany().HasForeignKey("CharacterId").OnDelete(DeleteBehavior.Cascade),
                l => l.HasOne(typeof(Panel)).WithMany().HasForeignKey("PanelId").OnDelete(DeleteBehavior.Cascade),
                j => j.HasKey("PanelId", "CharacterId"));
    }
}
