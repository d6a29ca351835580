using DreamTuner.Data.Entities;
using DreamTuner.Studio.Services.Reviews;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DreamTuner.Studio.Components.Review;

/// <summary>The verdicts on an image and, for those who may review, the user's own verdict and stars.</summary>
public sealed partial class ReviewVerdictBar : ComponentBase
{
    private static readonly ReviewVerdict[] Verdicts = [ReviewVerdict.Approve, ReviewVerdict.NeedsChanges, ReviewVerdict.Reject];

    private int _rating = 3;
    private ImageReviewSummary? _seen;

    /// <summary>Everyone's verdicts and the user's own. Default: none.</summary>
    [Parameter]
    public ImageReviewSummary Summary { get; set; } = new([], null, null);

    /// <summary>Whether the user's role may give verdicts (Editor, Owner). Default: false.</summary>
    [Parameter]
    public bool CanReview { get; set; }

    /// <summary>True while a verdict is being saved. Default: false.</summary>
    [Parameter]
    public bool Busy { get; set; }

    /// <summary>Why the last verdict was not saved. Default: null.</summary>
    [Parameter]
    public string? Error { get; set; }

    /// <summary>Raised with the chosen verdict and the stars shown. Default: none.</summary>
    [Parameter]
    public EventCallback<ReviewSubmission> OnSubmit { get; set; }

    protected override void OnParametersSet()
    {
        // Take the user's saved stars when a new summary arrives, but keep unsaved stars across other re-renders.
        if (!ReferenceEquals(_seen, Summary))
        {
            _seen = Summary;
            if (Summary.Mine is { } mine) _rating = mine.Rating;
        }
    }

    private Task SubmitAsync(ReviewVerdict verdict) => OnSubmit.InvokeAsync(new ReviewSubmission(verdict, Math.Clamp(_rating, 1, 5)));

    private static string Label(ReviewVerdict verdict) => verdict switch
    {
        ReviewVerdict.Approve => "Approve",
        ReviewVerdict.NeedsChanges => "Needs changes",
        ReviewVerdict.Reject => "Reject",
        _ => verdict.ToString(),
    };

    private static Color ColorOf(ReviewVerdict verdict) => verdict switch
    {
        ReviewVerdict.Approve => Color.Success,
        ReviewVerdict.Reject => Color.Error,
        _ => Color.Warning,
    };
}
