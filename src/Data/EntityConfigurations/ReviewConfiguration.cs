using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.Property(r => r.Verdict).IsStoredAsName();
        builder.HasXminConcurrencyToken(r => r.Version);
        builder.HasIndex(r => new { r.ImageId, r.UserId }).IsUnique();
        builder.HasIndex(r => r.UserId);
        builder.ToTable(t => t.HasCheckConstraint("CK_Reviews_Rating_Range", "\"Rating\" BETWEEN 1 AND 5"));

        builder.HasOne(r => r.Image).WithMany(i => i.Reviews)
            .HasForeignKey(r => r.ImageId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.User).WithMany()
            .HasForeignKey(r => r.UserId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
