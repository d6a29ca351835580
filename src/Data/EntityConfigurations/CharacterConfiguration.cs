using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

internal sealed class CharacterConfiguration : IEntityTypeConfiguration<Character>
{
    public void Configure(EntityTypeBuilder<Character> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(ModelBuilderConventions.NameLength).IsRequired();
        builder.Property(c => c.ClassWord).HasMaxLength(100).IsRequired();
        builder.Property(c => c.Token).HasMaxLength(100).IsRequired();
        builder.Property(c => c.ReferenceImageHash).IsBlobHash().IsRequired();
        builder.Property(c => c.MaskHash).IsBlobHash();
        builder.Property(c => c.MaskSource).IsStoredAsName();
        builder.HasXminConcurrencyToken(c => c.Version);
        builder.HasIndex(c => c.ProjectId);

        builder.HasOne(c => c.Project).WithMany(p => p.Characters)
            .HasForeignKey(c => c.ProjectId)
            .OnDelete(DeleteBehavior.Cascade);

        // Blob rows outlive projects (they are shared and collected separately), so never cascade into them.
        builder.HasOne(c => c.ReferenceImage).WithMany()
            .HasForeignKey(c => c.ReferenceImageHash)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Mask).WithMany()
            .HasForeignKey(c => c.MaskHash)
            .OnDelete(DeleteBehavior.Restrict);

        // Distinct from FineTune.Character (the runs of this character): this points at the one in use.
        builder.HasOne(c => c.ActiveFineTune).WithMany()
            .HasForeignKey(c => c.ActiveFineTuneId)
            .OnDelete(DeleteBehavior.SetNull);
    }
}
