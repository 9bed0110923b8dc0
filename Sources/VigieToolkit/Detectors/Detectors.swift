import Foundation

/// Hand-written scanners for personal data, links, dates and absence
/// announcements, tuned for French (France, Québec) and English texts.
///
/// Every scanner reads the text normalised by `TextNormalizer.standard`
/// (lower case, no accents, plain apostrophes and spaces, NFKC), so
/// `０６ １２…`, no-break spaces and `Août` need no special case, and reports
/// offsets into the original text (Unicode scalars). No regular expressions:
/// each detector is a single pass over the scalars.
public enum Detectors {
    /// The personal-data detectors that `all(in:)` runs, in priority order
    /// (the first wins when two matches cover the same range).
    public static let personalDataKinds = ["iban", "nir", "sin", "email", "phone", "street-address", "postal-code"]

    /// Every personal-data detector (phones, e-mails, postal codes, street
    /// addresses, IBAN, NIR, SIN), sorted by start; when matches overlap,
    /// the longest wins (then the first in `personalDataKinds`).
    ///
    /// A run shaped like an IBAN that is not a valid IBAN (a typo, a country
    /// without IBAN, a wrong structure) is claimed by no other kind: the
    /// phones, SINs, NIRs, postal codes and addresses inside it are dropped,
    /// so a value that fails the IBAN checks is not reported as something else
    /// by accident. (The other checked kinds need no such rule: a NIR with a
    /// wrong key or a SIN that fails Luhn has no telephone shape.)
    public static func all(in text: String) -> [TextMatch] { all(ScanText(text)) }

    static func all(_ scan: ScanText) -> [TextMatch] {
        all(scan, nirs: nirs(scan), sins: sins(scan), emails: emails(scan), phones: phones(scan),
            streetAddresses: streetAddresses(scan), postalCodes: postalCodes(scan))
    }

    /// `all` from the other detectors' matches in `scan`, found beforehand
    /// (a `PreparedText` reuses what the rules' own calls found).
    static func all(
        _ scan: ScanText, nirs: [TextMatch], sins: [TextMatch], emails: [TextMatch], phones: [TextMatch],
        streetAddresses: [TextMatch], postalCodes: [TextMatch]
    ) -> [TextMatch] {
        var found: [TextMatch] = []
        let (validIBANs, shapes) = ibanScan(scan, shapes: true)
        // Most detectors find nothing in most texts: no append then.
        func add(_ matches: [TextMatch]) { if !matches.isEmpty { found += matches } }
        add(validIBANs)
        add(nirs)
        add(sins)
        add(emails)
        add(phones)
        add(streetAddresses)
        add(postalCodes)
        let claimed = shapes.map { scan.normalized.originalRange(for: $0) }.filter { shape in
            !validIBANs.contains { $0.start < shape.upperBound && shape.lowerBound < $0.end }
        }
        if !claimed.isEmpty {
            found.removeAll { m in
                m.kind != "iban" && m.kind != "email" && claimed.contains { $0.lowerBound < m.end && m.start < $0.upperBound }
            }
        }
        return resolveOverlaps(found)
    }

    /// Keeps the longest of overlapping matches (ties: the priority order of
    /// `personalDataKinds`, then the earliest), sorted by start.
    static func resolveOverlaps(_ matches: [TextMatch]) -> [TextMatch] {
        // Nothing can overlap (most texts: no match at all).
        if matches.count < 2 { return matches }
        let priority = kindPriority
        let ranked = matches.enumerated().sorted { a, b in
            if a.element.length != b.element.length { return a.element.length > b.element.length }
            let pa = priority[a.element.kind] ?? 99
            let pb = priority[b.element.kind] ?? 99
            if pa != pb { return pa < pb }
            if a.element.start != b.element.start { return a.element.start < b.element.start }
            return a.offset < b.offset
        }
        var kept: [TextMatch] = []
        for (_, m) in ranked where !kept.contains(where: { $0.start < m.end && m.start < $0.end }) {
            kept.append(m)
        }
        return kept.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }

    /// The rank of each kind in `personalDataKinds`.
    private static let kindPriority = Dictionary(uniqueKeysWithValues: personalDataKinds.enumerated().map { ($1, $0) })

    /// Sorted by start, without exact duplicates.
    static func sortedUnique(_ matches: [TextMatch]) -> [TextMatch] {
        var seen = Set<TextMatch>()
        return matches.filter { seen.insert($0).inserted }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }
}
