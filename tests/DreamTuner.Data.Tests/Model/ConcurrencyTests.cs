using DreamTuner.Data.Entities;
using DreamTuner.Data.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Data.Tests.Model;

public sealed class ConcurrencyTests(PostgresDatabaseFixture fixture) : IClassFixture<PostgresDatabaseFixture>
{
    public static TheoryData<Type> JointlyEditedEntities =>
    [
        typeof(Project), typeof(Character), typeof(Storyboard), typeof(Panel), typeof(Comment), typeof(Review),
        typeof(Generation), typeof(FineTune),
    ];

    [Fact]
    public async Task Second_of_two_concurrent_character_edits_fails_instead_of_losing_the_first()
    {
        Guid characterId;
        await using (var db = fixture.CreateContext())
        {
            characterId = (await SampleProject.SeedAsync(db, SampleUsers.Create("owner"), SampleUsers.Create("editor"))).Character.Id;
        }

        await using var alice = fixture.CreateContext();
        await using var bob = fixture.CreateContext();
        var alicesCopy = await alice.Characters.SingleAsync(c => c.Id == characterId);
        var bobsCopy = await bob.Characters.SingleAsync(c => c.Id == characterId);

        alicesCopy.Caption = "Alice's caption";
        await alice.SaveChangesAsync();
        bobsCopy.Caption = "Bob's caption";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => bob.SaveChangesAsync());

        await using var check = fixture.CreateContext();
        Assert.Equal("Alice's caption", (await check.Characters.SingleAsync(c => c.Id == characterId)).Caption);
    }

    [Fact]
    public async Task After_a_conflict_adopting_the_current_token_saves_only_the_second_edit()
    {
        Guid characterId;
        await using (var db = fixture.CreateContext())
        {
            characterId = (await SampleProject.SeedAsync(db, SampleUsers.Create("owner"), SampleUsers.Create("editor"))).Character.Id;
        }

        await using var alice = fixture.CreateContext();
        await using var bob = fixture.CreateContext();
        var alicesCopy = await alice.Characters.SingleAsync(c => c.Id == characterId);
        var bobsCopy = await bob.Characters.SingleAsync(c => c.Id == characterId);
        alicesCopy.Name = "Rex II";
        await alice.SaveChangesAsync();
        bobsCopy.Caption = "Bob's caption";
        var conflict = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => bob.SaveChangesAsync());

        // A merge: adopt the current token only, so Bob's save writes just the field he changed.
        var entry = conflict.Entries.Single();
        var current = (await entry.GetDatabaseValuesAsync())!;
        entry.OriginalValues[nameof(Character.Version)] = current[nameof(Character.Version)];
        await bob.SaveChangesAsync();

        await using var check = fixture.CreateContext();
        var stored = await check.Characters.SingleAsync(c => c.Id == characterId);
        Assert.Equal(("Rex II", "Bob's caption"), (stored.Name, stored.Caption));
    }

    [Theory]
    [MemberData(nameof(JointlyEditedEntities))]
    public void Jointly_edited_entities_use_xmin_as_their_concurrency_token(Type entity)
    {
        using var db = fixture.CreateContext();
        var tokens = db.Model.FindEntityType(entity)!.GetProperties().Where(p => p.IsConcurrencyToken).ToList();

        var token = Assert.Single(tokens);
        Assert.Equal("xmin", token.GetColumnName());
    }
}
