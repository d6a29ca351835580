using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.Property(c => c.Body).IsRequired();
        builder.HasXminConcurrencyToken(c => c.Version);
        builder.HasIndex(c => new { c.ImageId, c.CreatedAt });
        builder.HasIndex(c => c.ParentId);
        builder.ToTable(t => t.HasCheckConstraint(
            "CK_Comments_Pin_InUnitSquare",
            "(\"PinX\" IS NULL AND \"PinY\" IS NULL) OR (\"PinX\" BETWEEN 0 AND 1 AND \"PinY\" BETWEEN 0 AND 1)"));

        builder.HasOne(c => c.Image).WithMany(i => i.Comments)
            .HasForeignKey(c => c.ImageId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Author).WithMany()
            .HasForeignKey(c => c.AuthorId)
            .OnDelete(DeleteBehavior.SetNull);
        // Users soft-delete comments, so a hard delete only happens with the whole image; replies go with it.
        builder.HasOne(c => c.Parent).WithMany(c => c.Replies)
            .HasForeignKey(c => c.ParentId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
