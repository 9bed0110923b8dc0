/// The 5×5 risk matrix as inline SVG: likelihood from left to right, impact
/// from bottom to top, each cell coloured by its score (likelihood × impact)
/// and holding the ids of the threats placed in it.
struct HeatMap {
    let threats: [ReportDocument.Threat]
    let strings: ReportStrings

    static let cellWidth = 116
    static let cellHeight = 78
    static let left = 64
    static let top = 12
    /// Ids per cell before `+n`.
    static let maxIDs = 3

    /// Fill colours per risk band: a pale tint for an empty cell, a stronger
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
        let width = Self.left + 5 * w + 12
        let height = Self.top + 5 * h + 56
        var svg = """
            <svg class="heatmap" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-labelledby="heatmap-title">
            <title id="heatmap-title">\(HTML.escape(strings.riskMatrix))</title>

            """
        for impact in 1...5 {
            for likelihood in 1...5 {
                let x = Self.left + (likelihood - 1) * w
                let y = Self.top + (5 - impact) * h
                let score = likelihood * impact
                let here = threats.filter { $0.likelihood == likelihood && $0.impact == impact }
                let tooltip = "\(strings.likelihood) \(likelihood) × \(strings.impact) \(impact) = \(score)"
                    + (here.isEmpty ? "" : " — " + here.map { "\($0.id): \($0.title)" }.joined(separator: "; "))
                svg += "<g class=\"cell-group\">"
                svg += "<rect class=\"cell\" data-likelihood=\"\(likelihood)\" data-impact=\"\(impact)\" data-score=\"\(score)\" x=\"\(x + 2)\" y=\"\(y + 2)\" width=\"\(w - 4)\" height=\"\(h - 4)\" rx=\"6\" fill=\"\(Self.fill(score: score, occupied: !here.isEmpty))\"><title>\(HTML.escape(tooltip))</title></rect>"
                svg += "<text class=\"cell-score\" x=\"\(x + w - 9)\" y=\"\(y + 16)\" text-anchor=\"end\">\(score)</text>"
                let shown = here.count > Self.maxIDs ? Self.maxIDs - 1 : here.count
                for (index, threat) in here.prefix(shown).enumerated() {
                    let label = threat.id.count > 14 ? String(threat.id.prefix(13)) + "…" : threat.id
                    let ty = y + 30 + index * 16
                    svg += "<text class=\"threat-id\" x=\"\(x + 9)\" y=\"\(ty)\"><title>\(HTML.escape("\(threat.id): \(threat.title) (\(threat.score))"))</title>\(HTML.escape(label))</text>"
                }
                if shown < here.count {
                    svg += "<text class=\"threat-more\" x=\"\(x + 9)\" y=\"\(y + 30 + shown * 16)\">+\(here.count - shown)</text>"
                }
                svg += "</g>\n"
            }
        }
        // Axes: numbers, then titles.
        for i in 1...5 {
            let cx = Self.left + (i - 1) * w + w / 2
            svg += "<text class=\"axis-tick\" x=\"\(cx)\" y=\"\(Self.top + 5 * h + 18)\" text-anchor=\"middle\">\(i)</text>\n"
            let cy = Self.top + (5 - i) * h + h / 2 + 4
            svg += "<text class=\"axis-tick\" x=\"\(Self.left - 12)\" y=\"\(cy)\" text-anchor=\"end\">\(i)</text>\n"
        }
        svg += "<text class=\"axis-title\" x=\"\(Self.left + 5 * w / 2)\" y=\"\(Self.top + 5 * h + 44)\" text-anchor=\"middle\">\(HTML.escape(strings.likelihood)) →</text>\n"
        let midY = Self.top + 5 * h / 2
        svg += "<text class=\"axis-title\" x=\"18\" y=\"\(midY)\" text-anchor=\"middle\" transform=\"rotate(-90 18 \(midY))\">\(HTML.escape(strings.impact)) →</text>\n"
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
