using Microsoft.AspNetCore.Identity;

namespace DreamTuner.Data.Entities;

public class StudioUser : IdentityUser<Guid>
{
    public StudioUser()
    {
        // Version 7 ids sort by creation time, which keeps the primary-key index append-only.
        Id = Guid.CreateVersion7();
    }

    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
