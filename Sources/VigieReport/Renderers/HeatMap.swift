import VigieModel

/// The 5×5 risk matrix as inline SVG: likelihood from left to right, impact
/// from bottom to top, each cell coloured by the level of its score
/// (likelihood × impact) and holding a numbered marker per threat, keyed
/// to the threat register (1 is the highest score). Numbers stay readable
/// on paper and on a phone, where tooltips do not exist.
struct HeatMap {
    let report: PreparedReport
    var strings: ReportStrings { report.strings }

    static let cellWidth = 88
    static let cellHeight = 72
    static let left = 44
    static let top = 8
    /// Markers per cell before `+n` (three a row, two rows).
    static let maxMarkers = 6
    static let perRow = 3
    static let radius = 12

    /// Fill colours per level: a pale tint for an empty cell, a stronger
    /// one for a cell that holds threats.
    static func fill(score: Int, occupied: Bool) -> String {
        switch (RiskLevel(score: score), occupied) {
        case (.low, false): "#e6f4ea"
        case (.low, true): "#9fd8ae"
        case (.moderate, false): "#fff6d5"
        case (.moderate, true): "#ffdd6e"
        case (.high, false): "#ffe8d1"
        case (.high, true): "#ffab5e"
        case (.critical, false): "#fde0e0"
        case (.critical, true): "#f26b6b"
        }
    }

    func render() -> String {
        let w = Self.cellWidth
        let h = Self.cellHeight
        let width = Self.left + 5 * w + 6
        let height = Self.top + 5 * h + 46
        var svg = """
            <svg class="heatmap" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-labelledby="heatmap-title">
            <title id="heatmap-title">\(HTML.escape(strings.riskMatrix))</title>

            """
        for impact in 1...5 {
            for likelihood in 1...5 {
                let x = Self.left + (likelihood - 1) * w
                let y = Self.top + (5 - impact) * h
                let score = likelihood * impact
                let here = report.threats.filter { $0.likelihood == likelihood && $0.impact == impact }
                let level = strings.riskLevel(score: score)
                var tooltip = "\(strings.likelihood) \(likelihood) × \(strings.impact) \(impact) = \(score) (\(level))"
                for threat in here {
                    tooltip += "\n\(report.number(ofThreat: threat.id) ?? 0). \(threat.title)"
                }
                svg += "<g class=\"cell-group\">"
                svg += "<rect class=\"cell\" data-likelihood=\"\(likelihood)\" data-impact=\"\(impact)\" data-score=\"\(score)\" x=\"\(x + 2)\" y=\"\(y + 2)\" width=\"\(w - 4)\" height=\"\(h - 4)\" rx=\"6\" fill=\"\(Self.fill(score: score, occupied: !here.isEmpty))\"><title>\(HTML.escape(tooltip))</title></rect>"
                svg += "<text class=\"cell-score\" x=\"\(x + w - 8)\" y=\"\(y + 16)\" text-anchor=\"end\">\(score)</text>"
                let shown = here.count > Self.maxMarkers ? Self.maxMarkers - 1 : here.count
                for (index, threat) in here.prefix(shown).enumerated() {
                    let cx = x + 8 + Self.radius + (index % Self.perRow) * (2 * Self.radius + 3)
                    let cy = y + 22 + Self.radius + (index / Self.perRow) * (2 * Self.radius + 2) - 4
                    let number = report.number(ofThreat: threat.id) ?? 0
                    svg += "<g class=\"marker\"><title>\(HTML.escape("\(number). \(threat.title) (\(threat.score))"))</title>"
                    svg += "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(Self.radius)\"/>"
                    svg += "<text x=\"\(cx)\" y=\"\(cy + 5)\" text-anchor=\"middle\">\(number)</text></g>"
                }
                if shown < here.count {
                    let index = shown
                    let cx = x + 8 + Self.radius + (index % Self.perRow) * (2 * Self.radius + 3)
                    let cy = y + 22 + Self.radius + (index / Self.perRow) * (2 * Self.radius + 2) - 4
                    svg += "<text class=\"marker-more\" x=\"\(cx)\" y=\"\(cy + 5)\" text-anchor=\"middle\">+\(here.count - shown)</text>"
                }
                svg += "</g>\n"
            }
        }
        // Axes: numbers, then titles.
        for i in 1...5 {
            let cx = Self.left + (i - 1) * w + w / 2
            svg += "<text class=\"axis-tick\" x=\"\(cx)\" y=\"\(Self.top + 5 * h + 17)\" text-anchor=\"middle\">\(i)</text>\n"
            let cy = Self.top + (5 - i) * h + h / 2 + 5
            svg += "<text class=\"axis-tick\" x=\"\(Self.left - 8)\" y=\"\(cy)\" text-anchor=\"end\">\(i)</text>\n"
        }
        svg += "<text class=\"axis-title\" x=\"\(Self.left + 5 * w / 2)\" y=\"\(Self.top + 5 * h + 40)\" text-anchor=\"middle\">\(HTML.escape(strings.likelihood)) →</text>\n"
        let midY = Self.top + 5 * h / 2
        svg += "<text class=\"axis-title\" x=\"14\" y=\"\(midY)\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(midY))\">\(HTML.escape(strings.impact)) →</text>\n"
        svg += "</svg>"
        return svg
    }
}

enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// An id usable in `id=""` and `href="#…"`.
    static func anchor(_ prefix: String, _ id: String) -> String {
        prefix + "-" + String(id.unicodeScalars.map { c -> Character in
            c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" ? Character(c) : "_"
        })
    }
}
