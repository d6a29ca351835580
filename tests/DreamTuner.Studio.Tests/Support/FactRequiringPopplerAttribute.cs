namespace DreamTuner.Studio.Tests.Support;

/// <summary>A fact that opens a PDF with poppler's pdftoppm / pdftotext; skipped, saying why, when they are not installed.</summary>
public sealed class FactRequiringPopplerAttribute : FactAttribute
{
    public FactRequiringPopplerAttribute()
    {
        if (Poppler.Missing is { } tool)
            Skip = $"{tool} is not installed: apt-get install poppler-utils (.ci/run does) to open exported PDFs in this test";
    }
}
