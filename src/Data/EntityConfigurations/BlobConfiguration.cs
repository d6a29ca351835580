using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

internal sealed class BlobConfiguration : IEntityTypeConfiguration<Blob>
{
    public void Configure(EntityTypeBuilder<Blob> builder)
    {
        builder.HasKey(b => b.Hash);
        builder.Property(b => b.Hash).IsBlobHash();
        builder.Property(b => b.ContentType).HasMaxLength(100).IsRequired();
        // The file name on disk is the hash, so anything else here would be a path we cannot open.
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Blobs_Hash_IsSha256Hex", "\"Hash\" ~ '^[0-9a-f]{64}$'");
            t.HasCheckConstraint("CK_Blobs_Size_NotNegative", "\"Size\" >= 0");
        });
    }
}
