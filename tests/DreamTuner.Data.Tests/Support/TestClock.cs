namespace DreamTuner.Data.Tests.Support;

public static class TestClock
{
    /// <summary>Now in UTC, truncated to PostgreSQL's microsecond precision so values round-trip exactly.</summary>
    public static DateTimeOffset Now()
    {
        var ticks = DateTimeOffset.UtcNow.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }
}
