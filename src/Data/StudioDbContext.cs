using DreamTuner.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DreamTuner.Data;

/// <summary>The studio's database: Identity tables plus the product's entities, configured in EntityConfigurations.</summary>
public class StudioDbContext(DbContextOptions<StudioDbContext> options)
    : IdentityDbContext<StudioUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<Project> Projects => Set<Project>();

    public DbSet<ProjectMember> ProjectMembers => Set<ProjectMember>();

    public DbSet<Character> Characters => Set<Character>();

    public DbSet<FineTune> FineTunes => Set<FineTune>();

    public DbSet<Generation> Generations => Set<Generation>();

    public DbSet<Image> Images => Set<Image>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<Storyboard> Storyboards => Set<Storyboard>();

    public DbSet<Panel> Panels => Set<Panel>();

    public DbSet<PanelVersion> PanelVersions => Set<PanelVersion>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<Blob> Blobs => Set<Blob>();

    public DbSet<SavedPose> SavedPoses => Set<SavedPose>();
    public DbSet<JobGroup> JobGroups => Set<JobGroup>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity first: its configuration of the user table is the base our StudioUser configuration refines.
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StudioDbContext).Assembly);
    }
}
