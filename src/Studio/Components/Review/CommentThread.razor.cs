using DreamTuner.Studio.Services.Reviews;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace DreamTuner.Studio.Components.Review;

/// <summary>
/// An image's comments as a thread (replies under what they answer), and the form to post one: replies, @mention
/// completion from the project's members, the pending pin, and "typing" reports for the others viewing.
/// </summary>
public sealed partial class CommentThread : ComponentBase
{
    private string _draft = "";
    private CommentInfo? _replyTo;
    private Guid? _editingId;
    private string _editText = "";
    private uint _editVersion;

    /// <summary>The image's comments in posting order. Default: none.</summary>
    [Parameter]
    public IReadOnlyList<CommentInfo> Comments { get; set; } = [];

    /// <summary>User names that @mentions can complete to. Default: none.</summary>
    [Parameter]
    public IReadOnlyList<string> MemberNames { get; set; } = [];

    /// <summary>The signed-in user, whose own comments get a delete button. Default: empty.</summary>
    [Parameter]
    public Guid CurrentUserId { get; set; }

    /// <summary>Whether the user may comment (every member). Default: false.</summary>
    [Parameter]
    public bool CanComment { get; set; }

    /// <summary>Whether the user may delete anyone's comment (Owner). Default: false.</summary>
    [Parameter]
    public bool CanModerate { get; set; }

    /// <summary>The point the next comment will be pinned to. Default: null.</summary>
    [Parameter]
    public ImagePin? PendingPin { get; set; }

    /// <summary>Who else is typing a comment right now. Default: nobody.</summary>
    [Parameter]
    public IReadOnlyList<string> TypingNames { get; set; } = [];

    /// <summary>True while posting. Default: false.</summary>
    [Parameter]
    public bool Busy { get; set; }

    /// <summary>Why the last post failed. Default: null.</summary>
    [Parameter]
    public string? Error { get; set; }

    /// <summary>Raised with the new comment; the form clears when the callback completes without error. Default: none.</summary>
    [Parameter]
    public EventCallback<CommentDraft> OnPost { get; set; }

    /// <summary>Raised with an author's new text for their comment; the editor closes. Default: none.</summary>
    [Parameter]
    public EventCallback<CommentEdit> OnEdit { get; set; }

    /// <summary>Raised with the id of a comment to delete. Default: none.</summary>
    [Parameter]
    public EventCallback<Guid> OnDelete { get; set; }

    /// <summary>Raised while the user types (the page throttles what it sends). Default: none.</summary>
    [Parameter]
    public EventCallback OnTyping { get; set; }

    /// <summary>Raised when the user removes the pending pin. Default: none.</summary>
    [Parameter]
    public EventCallback OnClearPin { get; set; }

    /// <summary>Members whose name starts with the @word being typed at the end of the draft.</summary>
    private IReadOnlyList<string> MentionHints
    {
        get
        {
            var at = _draft.LastIndexOf('@');
            if (at < 0 || (at > 0 && !char.IsWhiteSpace(_draft[at - 1])))
                return [];
            var typed = _draft[(at + 1)..];
            if (typed.Any(char.IsWhiteSpace))
                return [];
            return [.. MemberNames.Where(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase) && !n.Equals(typed, StringComparison.OrdinalIgnoreCase)).Take(5)];
        }
    }

    /// <summary>Comments depth-first: each top-level comment followed by its replies, each in posting order.</summary>
    private IEnumerable<(CommentInfo Comment, int Depth)> Threaded()
    {
        var byParent = Comments.ToLookup(c => c.ParentId);
        var known = Comments.Select(c => c.Id).ToHashSet();
        // A reply whose parent is missing from the list is shown at top level rather than lost.
        var roots = Comments.Where(c => c.ParentId is null || !known.Contains(c.ParentId.Value));
        var stack = new Stack<(CommentInfo, int)>(roots.Reverse().Select(c => (c, 0)));
        while (stack.Count > 0)
        {
            var (comment, depth) = stack.Pop();
            yield return (comment, depth);
            foreach (var reply in byParent[comment.Id].Reverse())
                stack.Push((reply, depth + 1));
        }
    }

    private int? PinNumber(Guid commentId)
    {
        var pins = CommentPins.Of(Comments);
        return pins.FirstOrDefault(p => p.CommentId == commentId)?.Number;
    }

    private void StartReply(CommentInfo comment) => _replyTo = comment;

    private void StartEdit(CommentInfo comment)
    {
        // The version the author starts from: a save over someone else's change (a moderator's delete) is refused.
        _editingId = comment.Id;
        _editText = comment.Body;
        _editVersion = comment.Version;
    }

    private async Task EditKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Escape")
            _editingId = null;
        else if (e.Key == "Enter" && (e.CtrlKey || e.MetaKey))
            await SaveEditAsync();
    }

    private async Task SaveEditAsync()
    {
        if (_editingId is not { } id || string.IsNullOrWhiteSpace(_editText))
            return;
        await OnEdit.InvokeAsync(new CommentEdit(id, _editText, _editVersion));
        // On a refusal (a conflict) the editor stays open with the author's text, as the message promises.
        if (Error is null)
            _editingId = null;
    }

    private void CompleteMention(string name)
    {
        var at = _draft.LastIndexOf('@');
        _draft = _draft[..(at + 1)] + name + " ";
    }

    private Task TypingAsync() => OnTyping.InvokeAsync();

    private async Task KeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter" && (e.CtrlKey || e.MetaKey))
            await PostAsync();
    }

    private async Task PostAsync()
    {
        if (Busy || string.IsNullOrWhiteSpace(_draft))
            return;
        var draft = new CommentDraft(_draft, _replyTo?.Id, PendingPin?.X, PendingPin?.Y);
        await OnPost.InvokeAsync(draft);
        if (Error is null)
        {
            _draft = "";
            _replyTo = null;
        }
    }
}
