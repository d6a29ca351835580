using System.Globalization;
using Microsoft.Extensions.Options;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace DreamTuner.Studio.Services.Export;

/// <summary>
/// A storyboard sheet: A4 landscape pages, panels in a 3 x 2 grid, each with its take (or an empty frame), number,
/// shot, dialogue and cast. PDFsharp (MIT, managed code; chosen over QuestPDF, which the registry here does not serve,
/// and whose community licence has a revenue limit).
/// </summary>
public sealed class StoryboardPdfWriter(IOptions<ExportOptions> options)
{
    public const int Columns = 3;
    public const int Rows = 2;
    public const int PanelsPerPage = Columns * Rows;

    private const double Margin = 28;
    private const double HeaderHeight = 34;
    private const double Gutter = 12;
    private const double TextHeight = 92;

    private static readonly Lock FontLock = new();

    public byte[] Write(StoryboardExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        EnsureFonts(options.Value.FontPath);
        using var document = new PdfDocument();
        document.Info.Title = export.Title;
        document.Info.Creator = "DreamTuner Studio";
        var pages = Math.Max(1, (export.Panels.Count + PanelsPerPage - 1) / PanelsPerPage);
        var title = new XFont("Sans", 14, XFontStyleEx.Bold);
        var small = new XFont("Sans", 8, XFontStyleEx.Regular);
        var label = new XFont("Sans", 9, XFontStyleEx.Bold);
        var body = new XFont("Sans", 8, XFontStyleEx.Regular);
        for (var p = 0; p < pages; p++)
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            page.Orientation = PageOrientation.Landscape;
            using var g = XGraphics.FromPdfPage(page);
            var width = page.Width.Point;
            var height = page.Height.Point;
            g.DrawString(export.Title, title, XBrushes.Black, new XRect(Margin, Margin, width - 2 * Margin, 18), XStringFormats.TopLeft);
            var footer = string.Create(CultureInfo.InvariantCulture, $"{export.ProjectName} · page {p + 1} of {pages} · {export.ExportedAt:yyyy-MM-dd HH:mm} UTC");
            g.DrawString(footer, small, XBrushes.Gray, new XRect(Margin, Margin + 18, width - 2 * Margin, 12), XStringFormats.TopLeft);
            if (export.Panels.Count == 0)
                g.DrawString("This storyboard has no panels yet.", body, XBrushes.Black, new XRect(Margin, Margin + HeaderHeight + 10, 400, 20), XStringFormats.TopLeft);

            var cellWidth = (width - 2 * Margin - (Columns - 1) * Gutter) / Columns;
            var cellHeight = (height - 2 * Margin - HeaderHeight - (Rows - 1) * Gutter) / Rows;
            foreach (var (panel, i) in export.Panels.Skip(p * PanelsPerPage).Take(PanelsPerPage).Select((panel, i) => (panel, i)))
            {
                var x = Margin + (i % Columns) * (cellWidth + Gutter);
                var y = Margin + HeaderHeight + (i / Columns) * (cellHeight + Gutter);
                DrawPanel(g, panel, new XRect(x, y, cellWidth, cellHeight), label, body);
            }
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void DrawPanel(XGraphics g, ExportPanel panel, XRect cell, XFont label, XFont body)
    {
        var frame = new XRect(cell.X, cell.Y, cell.Width, cell.Height - TextHeight);
        g.DrawRectangle(new XPen(XColors.Gray, 0.5), frame);
        if (panel.Take is { } take)
        {
            using var stream = new MemoryStream(take.Bytes);
            using var image = XImage.FromStream(stream);
            // Fit inside the frame, keeping the aspect ratio, centred.
            var scale = Math.Min(frame.Width / take.Width, frame.Height / take.Height);
            var w = take.Width * scale;
            var h = take.Height * scale;
            g.DrawImage(image, frame.X + (frame.Width - w) / 2, frame.Y + (frame.Height - h) / 2, w, h);
        }
        else
        {
            g.DrawString("no take chosen", body, XBrushes.Gray, frame, XStringFormats.Center);
        }

        var text = new XRect(cell.X, frame.Bottom + 4, cell.Width, TextHeight - 4);
        g.DrawString($"Panel {panel.Number}", label, XBrushes.Black, new XRect(text.X, text.Y, text.Width, 12), XStringFormats.TopLeft);
        var lines = new List<string>();
        if (panel.ShotDescription is { } shot) lines.Add("Shot: " + shot);
        if (panel.Dialogue is { } dialogue) lines.Add("“" + dialogue + "”");
        if (panel.Characters.Count > 0) lines.Add("With: " + string.Join(", ", panel.Characters));
        var formatter = new XTextFormatter(g);
        // XTextFormatter clips what does not fit in the rectangle, so long text cannot run into the next row.
        formatter.DrawString(string.Join("\n", lines), body, XBrushes.Black, new XRect(text.X, text.Y + 13, text.Width, text.Height - 13), XStringFormats.TopLeft);
    }

    private static void EnsureFonts(string? fontPath)
    {
        lock (FontLock)
        {
            // PDFsharp keeps its font resolver in a process-wide setting that may be set only once.
            GlobalFontSettings.FontResolver ??= StoryboardFontResolver.Load(fontPath);
        }
    }
}
