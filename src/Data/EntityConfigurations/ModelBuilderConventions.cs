using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamTuner.Data.EntityConfigurations;

/// <summary>Mapping habits shared by the entity configurations.</summary>
internal static class ModelBuilderConventions
{
    /// <summary>Length of a SHA-256 hex digest, the key of a blob.</summary>
    public const int HashLength = 64;

    public const int EnumLength = 32;

    public const int NameLength = 200;

    /// <summary>
    /// Maps a uint property to PostgreSQL's xmin system column as an optimistic concurrency token.
    /// Chosen over a Guid token because PostgreSQL changes xmin on every update of the row, including
    /// the engine's bulk ExecuteUpdate progress writes and hand-written SQL, so no code path can forget
    /// to bump it; it also costs no column and no migration. Npgsql maps a uint row version to xmin.
    /// </summary>
    public static void HasXminConcurrencyToken<T>(this EntityTypeBuilder<T> builder, Expression<Func<T, uint>> version)
        where T : class
        => builder.Property(version).IsRowVersion();

    /// <summary>Stores an enum as its name, so the database is readable and reordering members is safe.</summary>
    public static PropertyBuilder<TEnum> IsStoredAsName<TEnum>(this PropertyBuilder<TEnum> property)
        => property.HasConversion<string>().HasMaxLength(EnumLength);

    /// <summary>A reference to a row of Blobs by hash.</summary>
    public static PropertyBuilder<TString> IsBlobHash<TString>(this PropertyBuilder<TString> property)
        => property.HasMaxLength(HashLength).IsUnicode(false);
}
