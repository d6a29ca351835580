using DreamTuner.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

internal sealed class StudioUserConfiguration : IEntityTypeConfiguration<StudioUser>
{
    public void Configure(EntityTypeBuilder<StudioUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(ModelBuilderConventions.NameLength).IsRequired();
    }
}
