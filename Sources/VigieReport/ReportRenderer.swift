import Foundation

/// Renders a `ReportDocument` in one of the report formats.
///
/// ```swift
/// let html = try ReportRenderer.render(document, options: ReportOptions(format: .html, language: .french))
/// try html.write(to: URL(fileURLWithPath: "rapport.html"))
/// ```
public enum ReportRenderer {
    /// The report as the bytes of a file (UTF-8 text for every format).
    public static func render(_ document: ReportDocument, options: ReportOptions) throws -> Data {
        Data(try renderString(document, options: options).utf8)
    }

    /// The report as text.
    public static func renderString(_ document: ReportDocument, options: ReportOptions) throws -> String {
        let report = try PreparedReport(document, options: options)
        switch options.format {
        case .text: return TextRenderer(report: report).render()
        case .markdown: return MarkdownRenderer(report: report).render()
        case .json: return try JSONRenderer.render(report)
        case .csv: return CSVRenderer(report: report).render()
        case .sarif: return try SARIFRenderer.render(report)
        case .html: return HTMLRenderer(report: report).render()
        }
    }
}
