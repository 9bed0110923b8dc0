#!/usr/bin/env bash
# Throughput of TextNormalizer (fold and normalize-with-map) on 10 MB of French
# text, compiled with the optimiser like a release build (-O -wmo).
# Usage: scripts/bench-normalizer.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/main.swift" <<'SWIFT'
import Foundation
let samples = [
    ("French with 𝗯𝗼𝗹𝗱", String(repeating: "Bonjour à l’équipe, nous serons en vacances du 4 au 18 août ; la maison sera vide. 𝗣𝗥𝗢𝗠𝗢 ménage ! ", count: 100_000)),
    ("French", String(repeating: "Bonjour à l’équipe, nous serons en vacances du 4 au 18 août ; la maison sera vide. PROMO ménage ! ", count: 100_000)),
    ("ASCII", String(repeating: "Hello team, we will be on holiday from the 4th to the 18th; the house will be empty. PROMO cleaning! ", count: 100_000)),
]
for (name, text) in samples {
    let mb = Double(text.utf8.count) / 1e6
    let clock = ContinuousClock()
    var folded = ""
    var normalized: NormalizedText?
    let fold = clock.measure { folded = TextNormalizer.standard.fold(text) }
    let map = clock.measure { normalized = TextNormalizer.standard.normalize(text) }
    precondition(normalized!.text == folded)
    func rate(_ d: Duration) -> String {
        let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return String(Int(mb / seconds)) + " MB/s"
    }
    print("\(name) (\(Int(mb)) MB): fold \(rate(fold)), normalize \(rate(map))")
}
SWIFT
src="$root/Sources/VigieModel/Text"
swiftc -O -wmo -module-name NormalizerBench "$src/TextNormalizer.swift" "$src/NormalizedText.swift" \
    "$src/UTF8Bytes.swift" "$work/main.swift" -o "$work/bench"
"$work/bench"
