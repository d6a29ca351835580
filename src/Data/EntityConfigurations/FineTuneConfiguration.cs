using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

internal sealed class FineTuneConfiguration : IEntityTypeConfiguration<FineTune>
{
    public void Configure(EntityTypeBuilder<FineTune> builder)
    {
        builder.Property(f => f.Status).IsStoredAsName();
        builder.Property(f => f.Mode).IsStoredAsName();
        builder.Property(f => f.ParametersJson).HasColumnType("jsonb").IsRequired();
        builder.Property(f => f.LossHistoryJson).HasColumnType("jsonb").IsRequired();
        builder.Property(f => f.ArtifactHash).IsBlobHash();
        builder.Property(f => f.HangfireJobId).HasMaxLength(100);
        builder.HasXminConcurrencyToken(f => f.Version);
        builder.HasIndex(f => f.CharacterId);
        builder.HasIndex(f => f.Status);

        builder.HasOne(f => f.Character).WithMany(c => c.FineTunes)
            .HasForeignKey(f => f.CharacterId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(f => f.Artifact).WithMany()
            .HasForeignKey(f => f.ArtifactHash)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(f => f.RequestedBy).WithMany()
            .HasForeignKey(f => f.RequestedById)
            .OnDelete(DeleteBehavior.SetNull);
    }
}
