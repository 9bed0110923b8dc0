#!/usr/bin/env bash
# Throughput of the text toolkit: lexicon matching with 50,000 terms, and the
# detectors over French posts. Compiled with the optimiser like a release
# build (-O -wmo), the toolkit and the normaliser in one module.
# Usage: scripts/bench-toolkit.sh [--instructions] [source-tree]
#   source-tree: default this checkout; give another checkout (a base commit's
#   `git worktree`, say) to measure it with the same command.
#   --instructions: instead of timings, the instructions each personal-data
#   detector executes per post under valgrind (the same on a busy machine as on
#   a quiet one; about 5 minutes; DETECTORS="all ibans" measures only those).
set -euo pipefail
instructions=0
if [ "${1:-}" = "--instructions" ]; then
    instructions=1
    shift
fi
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One module: drop the imports of VigieModel.
for f in $(find "$root/Sources/VigieToolkit" -name '*.swift'); do
    sed 's/^import VigieModel$//' "$f" > "$work/$(basename "$f")"
done
cat > "$work/main.swift" <<'SWIFT'
import Foundation

// "--only NAME COUNT": run one detector over the first COUNT posts (after a
// warm-up), nothing else; for counting instructions.
let only: (name: String, count: Int)? = {
    let a = CommandLine.arguments
    guard a.count == 4, a[1] == "--only", let n = Int(a[3]) else { return nil }
    return (a[2], n)
}()

let clock = ContinuousClock()
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
func time(_ repeats: Int, _ body: () -> Void) -> Double {
    body()  // warm-up
    let d = clock.measure { for _ in 0..<repeats { body() } }
    return seconds(d) / Double(repeats)
}
var rng: UInt64 = 7
func next() -> Int {
    rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int(rng >> 33)
}

// 1. Lexicon: 50,000 generated terms (4,000 of them two or three words).
if only == nil {
let syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "po", "si", "de", "vu", "ga", "be", "fo", "ji", "xe", "wa", "an", "ou", "é", "in"]
func word() -> String { (0..<(2 + next() % 3)).map { _ in syllables[next() % syllables.count] }.joined() }
var terms: [LexiconTerm] = []
var seen = Set<String>()
while terms.count < 50_000 {
    let w = terms.count % 12 == 0 ? (0..<(2 + next() % 2)).map { _ in word() }.joined(separator: " ") : word()
    if seen.insert(w).inserted { terms.append(LexiconTerm(term: w, category: "c\(terms.count % 8)")) }
}
var lexicon: Lexicon?
let build = clock.measure { lexicon = Lexicon(terms: terms) }
let post = """
    Bonjour à l’équipe ! Franchement j’en ai marre : la cliente du 12 rue des Lilas m’a encore appelée à 22 h \
    pour une tache sur le canapé. Devinez chez qui on a fait le ménage ce matin… Bref, on part deux semaines \
    en Grèce du 3 au 17 août, la maison sera vide. \(terms[10].term) et \(terms[24].term.uppercased()) au programme, \
    merci à tous pour votre confiance, à bientôt sur la page 😀 kalomi tapo sivu. Pour les devis, \
    écrivez-nous en message privé : réponse sous 48 h, du lundi au vendredi.
    """
let postScalars = post.unicodeScalars.count
var count = 0
let perMatch = time(2_000) { count = lexicon!.matches(in: post).count }
let long = String(repeating: post + " ", count: 20)
let perLong = time(200) { _ = lexicon!.matches(in: long).count }
let perContains = time(2_000) { _ = lexicon!.contains(in: post) }
// Naive reference: every folded term searched in the folded text.
let foldedText = Array(Lexicon.fold(post).unicodeScalars.map(\.value))
let keys = terms.map { Array(Lexicon.fold($0.term).unicodeScalars.map(\.value)) }
var naiveCount = 0
let naive = time(3) {
    naiveCount = 0
    for key in keys where key.count <= foldedText.count {
        var i = 0
        while i + key.count <= foldedText.count {
            if foldedText[i] == key[0] && foldedText[i..<(i + key.count)].elementsEqual(key) { naiveCount += 1 }
            i += 1
        }
    }
}
print("Lexicon of \(terms.count) terms: built in \(String(format: "%.0f", seconds(build) * 1000)) ms")
print("  matches in a \(postScalars)-scalar post: \(String(format: "%.1f", perMatch * 1e6)) µs (\(count) matches)")
print("  contains(in:) on the same post: \(String(format: "%.1f", perContains * 1e6)) µs")
print("  matches in a \(long.unicodeScalars.count)-scalar text: \(String(format: "%.0f", perLong * 1e6)) µs")
print("  naive per-term scan of the same post (no boundaries): \(String(format: "%.1f", naive * 1000)) ms (\(naiveCount) hits)")
let vocabulary = Vocabulary.combined
let perVocabulary = time(2_000) { _ = vocabulary.matches(in: post) }
print("  Vocabulary.combined (\(vocabulary.count) terms) on the post: \(String(format: "%.1f", perVocabulary * 1e6)) µs")
}

// 2. Detectors over 10,000 generated French posts (a third with personal data).
let openings = ["Bonjour à tous !", "Petit message à nos clients :", "Encore une belle journée.", "Merci pour vos retours 😀", "Coup de gueule du jour…"]
let middles = [
    "Notre équipe intervient à domicile pour le ménage et le repassage, sur devis gratuit.",
    "Les vacances scolaires commencent le 3 juillet, pensez à réserver vos créneaux.",
    "On a passé un super moment chez une cliente adorable, merci pour le café !",
    "Nouveau tarif : 1 234,56 € le forfait annuel, commande n° 4521337 livrée.",
    "Le respect est absent de certains commentaires, restons courtois s’il vous plaît.",
]
let personal = [
    "Appelez-moi au 06 12 34 56 78 ou écrivez à prenom [at] exemple [dot] fr.",
    "Rendez-vous au 12 rue des Lilas, 75011 Paris, le 17/08/2026.",
    "On part deux semaines en Grèce du 3 au 17 août, la maison sera vide.",
    "Virement sur FR76 3000 6000 0112 3456 7890 189 svp, NAS 130 692 544.",
    "Infos : https://www.exemple.fr/devis ou 514 555-1234, H2X 1Y4.",
]
var posts: [String] = []
for k in 0..<10_000 {
    var p = openings[next() % openings.count] + " " + middles[next() % middles.count]
    if k % 3 == 0 { p += " " + personal[next() % personal.count] }
    p += " " + middles[next() % middles.count]
    posts.append(p)
}
let bytes = posts.reduce(0) { $0 + $1.utf8.count }
if let only {
    let detectors: [String: (String) -> Int] = [
        "all": { Detectors.all(in: $0).count }, "phones": { Detectors.phones(in: $0).count },
        "emails": { Detectors.emails(in: $0).count }, "streetAddresses": { Detectors.streetAddresses(in: $0).count },
        "postalCodes": { Detectors.postalCodes(in: $0).count }, "ibans": { Detectors.ibans(in: $0).count },
        "nirs": { Detectors.nirs(in: $0).count }, "sins": { Detectors.sins(in: $0).count },
        "links": { Detectors.links(in: $0).count }, "domains": { Detectors.domains(in: $0).count },
    ]
    let detector = detectors[only.name]!
    // The warm-up reads every kind of personal data once, so the tables each
    // detector loads on first use are loaded before the posts are counted.
    var found = personal.reduce(0) { $0 + detector($1) }
    for p in posts.prefix(only.count) { found += detector(p) }
    print(found)
    exit(0)
}
let reference = Date(timeIntervalSince1970: 1_785_405_600)
func report(_ name: String, _ body: (String) -> Int) {
    var found = 0
    let d = clock.measure { for p in posts { found += body(p) } }
    let s = seconds(d)
    print("  \(name): \(Int(Double(posts.count) / s)) posts/s, \(String(format: "%.2f", s / Double(posts.count) * 1e6)) µs/post, \(String(format: "%.1f", Double(bytes) / s / 1e6)) MB/s (\(found) matches)")
}
print("Detectors over \(posts.count) French posts (\(bytes / 1000) kB, avg \(bytes / posts.count) bytes):")
_ = posts.prefix(100).map { Detectors.all(in: $0) }
report("Detectors.all") { Detectors.all(in: $0).count }
report("phones") { Detectors.phones(in: $0).count }
report("emails") { Detectors.emails(in: $0).count }
report("streetAddresses") { Detectors.streetAddresses(in: $0).count }
report("postalCodes") { Detectors.postalCodes(in: $0).count }
report("ibans") { Detectors.ibans(in: $0).count }
report("nirs") { Detectors.nirs(in: $0).count }
report("sins") { Detectors.sins(in: $0).count }
report("dates") { Detectors.dates(in: $0, reference: reference).count }
report("absences") { Detectors.absences(in: $0, reference: reference).count }
report("links") { Detectors.links(in: $0).count }
report("domains") { Detectors.domains(in: $0).count }
let vocabulary = Vocabulary.combined
report("Vocabulary.combined.matches") { vocabulary.matches(in: $0).count }
SWIFT
src="$root/Sources/VigieModel/Text"
# The linguistic layer links Debian's Snowball stemmers (libstemmer-dev).
swiftc -O -wmo -module-name ToolkitBench -package-name ToolkitBench -I "$root/Sources/CStemmer" "$src/TextNormalizer.swift" \
    "$src/NormalizedText.swift" "$src/UTF8Bytes.swift" "$work"/*.swift -o "$work/bench"
if [ "$instructions" = 1 ]; then
    count() { # detector posts: instructions executed
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/bench" --only "$1" "$2" 2>&1 >/dev/null \
            | awk '/Collected/ { print $NF }'
    }
    n=10000
    echo "Instructions per post over $n French posts (valgrind; start-up, post generation and warm-up taken off):"
    for d in ${DETECTORS:-all phones emails streetAddresses postalCodes ibans nirs sins links domains}; do
        c1=$(count "$d" "$n")
        c0=$(count "$d" 0)
        awk -v d="$d" -v n="$n" -v c1="$c1" -v c0="$c0" 'BEGIN { printf "  %s: %.0f\n", d, (c1 - c0) / n }'
    done
    exit 0
fi
"$work/bench"
