using DreamTuner.Studio.Services.Reviews;

namespace DreamTuner.Studio.Tests.Reviews;

public sealed class MentionParserTests
{
    [Fact]
    public void Finds_distinct_names_and_drops_a_sentence_dot_but_not_email_addresses()
    {
        var found = MentionParser.Find("@ann, ask @Bob.Smith. and @bob.smith again; mail me at carl@example.test (@dora-)");

        Assert.Equal(["ann", "Bob.Smith", "dora"], found);
    }

    [Fact]
    public void Text_without_mentions_gives_none()
    {
        Assert.Empty(MentionParser.Find("no one here @ all"));
        Assert.Empty(MentionParser.Find(null));
    }
}
