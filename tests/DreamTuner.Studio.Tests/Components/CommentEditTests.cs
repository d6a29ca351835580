using Bunit;
using DreamTuner.Studio.Components.Review;
using DreamTuner.Studio.Services.Reviews;
using DreamTuner.Studio.Tests.Support;
using Microsoft.AspNetCore.Components.Web;

namespace DreamTuner.Studio.Tests.Components;

public sealed class CommentEditTests : MudComponentTest
{
    private static readonly Guid Me = Guid.NewGuid();

    private static CommentInfo Comment(string body, Guid author, DateTimeOffset? editedAt = null, uint version = 5) => new(
        Guid.CreateVersion7(), null, author, "ann", body, null, null, DateTimeOffset.UtcNow, editedAt, false, version);

    [Fact]
    public void Only_the_author_gets_an_edit_button_and_edited_comments_are_marked()
    {
        var mine = Comment("mine", Me, editedAt: DateTimeOffset.UtcNow);
        var theirs = Comment("theirs", Guid.NewGuid());
        var thread = Context.Render<CommentThread>(p => p.Add(c => c.Comments, [mine, theirs]).Add(c => c.CanComment, true)
            .Add(c => c.CanModerate, true).Add(c => c.CurrentUserId, Me));

        Assert.NotNull(thread.Find($"#comment-{mine.Id:N} .dt-edit-comment"));
        Assert.Empty(thread.FindAll($"#comment-{theirs.Id:N} .dt-edit-comment"));
        Assert.Equal("(edited)", thread.Find($"#comment-{mine.Id:N} .dt-edited").TextContent);
        Assert.Empty(thread.FindAll($"#comment-{theirs.Id:N} .dt-edited"));
    }

    [Fact]
    public void Ctrl_enter_saves_the_new_text_with_the_version_it_was_edited_from_and_escape_cancels()
    {
        var mine = Comment("frist", Me, version: 42);
        CommentEdit? saved = null;
        var thread = Context.Render<CommentThread>(p => p.Add(c => c.Comments, [mine]).Add(c => c.CanComment, true)
            .Add(c => c.CurrentUserId, Me).Add(c => c.OnEdit, e => saved = e));

        thread.Find(".dt-edit-comment").Click();
        var editor = thread.Find("textarea.dt-edit-input");
        Assert.Equal("frist", editor.GetAttribute("value"));
        editor.KeyDown(new KeyboardEventArgs { Key = "Escape" });
        Assert.Empty(thread.FindAll("textarea.dt-edit-input"));
        Assert.Null(saved);

        thread.Find(".dt-edit-comment").Click();
        thread.Find("textarea.dt-edit-input").Input("first");
        thread.Find("textarea.dt-edit-input").KeyDown(new KeyboardEventArgs { Key = "Enter", CtrlKey = true });
        Assert.Equal(new CommentEdit(mine.Id, "first", 42), saved);
        Assert.Empty(thread.FindAll("textarea.dt-edit-input"));
    }

    [Fact]
    public void A_refused_edit_keeps_the_editor_open_with_the_authors_text()
    {
        var mine = Comment("one", Me);
        var thread = Context.Render<CommentThread>(p => p.Add(c => c.Comments, [mine]).Add(c => c.CanComment, true).Add(c => c.CurrentUserId, Me));
        thread.Render(p => p.Add(c => c.OnEdit, _ => thread.Render(q => q.Add(c => c.Error, "changed by someone else"))));

        thread.Find(".dt-edit-comment").Click();
        thread.Find("textarea.dt-edit-input").Input("two");
        thread.Find(".dt-edit-save").Click();

        Assert.Equal("two", thread.Find("textarea.dt-edit-input").GetAttribute("value"));
    }
}
