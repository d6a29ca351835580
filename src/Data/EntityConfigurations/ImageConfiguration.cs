using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

internal sealed class ImageConfiguration : IEntityTypeConfiguration<Image>
{
    public void Configure(EntityTypeBuilder<Image> builder)
    {
        builder.Property(i => i.BlobHash).IsBlobHash().IsRequired();
        // Makes a re-run job's second insert of the same slot fail instead of duplicating the image.
        builder.HasIndex(i => new { i.GenerationId, i.BatchIndex }).IsUnique();
        builder.HasIndex(i => i.BlobHash);

        builder.HasOne(i => i.Generation).WithMany(g => g.Images)
            .HasForeignKey(i => i.GenerationId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(i => i.Blob).WithMany()
            .HasForeignKey(i => i.BlobHash)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
