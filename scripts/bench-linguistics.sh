#!/usr/bin/env bash
# Cost of the linguistic layer (tokens with stems, inflecting lexicons, token
# patterns) per post, and its linear growth on long and hostile inputs.
# Compiled with the optimiser like a release build (-O -wmo), the toolkit and
# the normaliser in one module, linked with Debian's libstemmer.
# Usage: scripts/bench-linguistics.sh [--instructions]
#   --instructions: instead of timings, the instructions each stage executes
#   per post under valgrind (the same on a busy machine as on a quiet one;
#   about 10 minutes), and per text of 1,000 to 100,000 tokens for the growth.
set -euo pipefail
instructions=0
if [ "${1:-}" = "--instructions" ]; then
    instructions=1
    shift
fi
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for f in $(find "$root/Sources/VigieToolkit" -name '*.swift'); do
    sed 's/^import VigieModel$//' "$f" > "$work/$(basename "$f")"
done
cat > "$work/main.swift" <<'SWIFT'
import Foundation

// "--only STAGE COUNT": run one stage over the first COUNT posts (after a
// warm-up), nothing else; "--grow KIND N": one text of N tokens (0: none).
// For counting instructions.
let arguments = CommandLine.arguments
let only: (stage: String, count: Int)? = arguments.count == 4 && arguments[1] == "--only" ? Int(arguments[3]).map { (arguments[2], $0) } : nil
let grow: (kind: String, size: Int)? = arguments.count == 4 && arguments[1] == "--grow" ? Int(arguments[3]).map { (arguments[2], $0) } : nil
let clock = ContinuousClock()
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
var rng: UInt64 = 7
func next() -> Int {
    rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int(rng >> 33)
}

// 10,000 generated posts, French and English, a third of them with something to find.
let openings = ["Bonjour à tous !", "Petit message à nos clients :", "Encore une belle journée.", "Merci pour vos retours 😀",
                "Hi everyone!", "Quick note to our clients:", "Coup de gueule du jour…", "What a week 😅"]
let middles = [
    "Notre équipe intervient à domicile pour le ménage et le repassage, sur devis gratuit.",
    "Les vacances scolaires commencent le 3 juillet, pensez à réserver vos créneaux.",
    "On a passé un super moment chez une cliente adorable, merci pour le café !",
    "Our team cleans homes and offices in Laval, free quotes on request.",
    "Spring is here: time to book your deep clean before the slots fill up.",
    "Le respect est absent de certains commentaires, restons courtois s’il vous plaît.",
]
let risky = [
    "Je ne vous rappellerai pas, le ménage était bâclé et personne ne répond.",
    "Tu vas le regretter, crois-moi, je sais où tu habites.",
    "Payez 500 $ d'ici vendredi ou je publie les photos de vos clients.",
    "C'est confidentiel, mais on vient de décrocher le contrat du siècle 🤫",
    "Which streets do you work on, and when are the owners out?",
    "I'm not supposed to say this, but our new client is a famous singer.",
    "Really let down, the kitchen was left filthy. Won't be booking again.",
    "J'en ai vraiment marre de ces clients radins, je suis à bout.",
]
var posts: [String] = []
for k in 0..<10_000 {
    var p = openings[next() % openings.count] + " " + middles[next() % middles.count]
    if k % 3 == 0 { p += " " + risky[next() % risky.count] }
    p += " " + middles[next() % middles.count]
    posts.append(p)
}
let bytes = posts.reduce(0) { $0 + $1.utf8.count }
let scalars = posts.reduce(0) { $0 + $1.unicodeScalars.count }

// What a policy compiles: every built-in list, stemmed, and a set of patterns.
let lexicons = Vocabulary.names.map { WordLexicon(terms: Vocabulary.terms($0)!) }
let termCount = lexicons.reduce(0) { $0 + $1.count }
let patternSources = [
    "(tu vas | vous allez | you will) le? regretter|payer|regret|pay", "(je|on) sais|sait où … habite|habites|habitez",
    "paie|payez|pay|send|give …{10} ou|sinon|or|unless …{8} publie|balance|post|leak|tell|photos|vidéos",
    "ne … jamais|plus … rappeler|recommander|revenir", "!recommander|!satisfait|!recommend|!happy",
    "(c'est | it's) confidentiel|confidential", "pas le droit de … dire|parler", "not supposed to … say|tell",
    "chez (les|le|la) <name>", "(which | what) streets|houses … clean|work", "nas|sin … <num:9>",
    "clé|clés|key|keys …{8} sous|dans|under|in … paillasson|pot|mat|rock",
    "(on | we) part|leave|leaving … demain|tomorrow|samedi|saturday", "watch your back", "ce qui (te | vous) attend",
    "encore (une fois)?", "<num> … (et | and) … (privé | private | quiet)", "devinez|guess … chez|who", "entre nous|between us",
    "fait|faites attention à toi|vous", "ça va mal finir", "last|dernier warning|avertissement",
]
let patterns = try! TokenPattern(patternSources.map { TokenPattern.Source($0) })

let ling = Linguistics()
let hostile = try! TokenPattern("a … a … a … a … a … a … b")
if let grow {
    // The texts are built before the count starts (setup is measured with N = 0 and taken off).
    let n = max(grow.size, 1)
    let text = grow.kind == "prose"
        ? String((0..<n).map { _ in middles[next() % middles.count] + " " }.joined().prefix(n * 6))
        : String(repeating: "a ", count: n - 1) + "b"
    _ = ling.matches(patterns, in: ling.analyze(PreparedText("warm up the patterns")))
    _ = ling.matches(hostile, in: ling.analyze(PreparedText("a a b")))
    if grow.size > 0 {
        if grow.kind == "prose" { _ = ling.matches(patterns, in: ling.analyze(PreparedText(text))) }
        else { _ = ling.matches(hostile, in: ling.analyze(PreparedText(text))) }
    }
    exit(0)
}
func run(_ name: String, _ body: (PreparedText) -> Int) {
    if let only, only.stage != name.prefix(while: { $0 != ":" }) { return }
    var found = 0
    for p in posts.prefix(200) { found += body(PreparedText(p)) }  // warm-up: stems cached, keys bound
    found = 0
    if let only {
        for p in posts.prefix(only.count) { found += body(PreparedText(p)) }
        return
    }
    let d = clock.measure { for p in posts { found += body(PreparedText(p)) } }
    let s = seconds(d)
    print("  \(name): \(String(format: "%.2f", s / Double(posts.count) * 1e6)) µs per post, \(Int(Double(posts.count) / s)) posts/s (\(found) matches)")
}
if only == nil { print("Linguistic layer over \(posts.count) posts (\(bytes / 1000) kB, avg \(scalars / posts.count) scalars); \(lexicons.count) vocabularies, \(termCount) terms; \(patternSources.count) patterns (\(patterns.states.count) states)") }
run("normalisation: PreparedText.normalized only") { _ = $0.normalized; return 0 }
run("analysis: tokens, sentences, negation, stems") { ling.analyze($0).tokens.count }
run("vocabularies: analysis + the 9 vocabularies (stemmed)") { t in
    let a = ling.analyze(t)
    return lexicons.reduce(0) { $0 + ling.matches($1, in: a).count }
}
run("patterns: analysis + the pattern set") { ling.matches(patterns, in: ling.analyze($0)).count }
run("all: analysis + vocabularies + patterns") { t in
    let a = ling.analyze(t)
    return lexicons.reduce(0) { $0 + ling.matches($1, in: a).count } + ling.matches(patterns, in: a).count
}
run("reference: Vocabulary.combined, exact phrases (Aho–Corasick)") { Vocabulary.combined.matches(in: $0).count }

// Linear growth: a text of n tokens, and a hostile one (one repeated word
// that starts every pattern thread, with gaps everywhere, and the word
// that ends it last, so that the pattern cannot be skipped).
if only != nil { exit(0) }
print("Growth with the length of the text (µs; the ratio to the previous line should stay near 10):")
var previous: (Double, Double)?
for n in [1_000, 10_000, 100_000] {
    let ordinary = String((0..<n).map { _ in middles[next() % middles.count] + " " }.joined().prefix(n * 6))
    let repeated = String(repeating: "a ", count: n - 1) + "b"
    let a1 = clock.measure { _ = ling.matches(patterns, in: ling.analyze(PreparedText(ordinary))) }
    let a2 = clock.measure { _ = ling.matches(hostile, in: ling.analyze(PreparedText(repeated))) }
    let t1 = seconds(a1) * 1e6, t2 = seconds(a2) * 1e6
    let r = previous.map { String(format: " (×%.1f, ×%.1f)", t1 / $0.0, t2 / $0.1) } ?? ""
    print("  \(n) tokens: patterns on prose \(Int(t1)) µs, hostile pattern on \"a a a …\" \(Int(t2)) µs\(r)")
    previous = (t1, t2)
}
SWIFT
src="$root/Sources/VigieModel/Text"
swiftc -O -wmo -package-name Vigie -module-name LinguisticsBench -I "$root/Sources/CStemmer" "$src/TextNormalizer.swift" \
    "$src/NormalizedText.swift" "$src/UTF8Bytes.swift" "$work"/*.swift -o "$work/bench"
if [ "$instructions" = 1 ]; then
    count() { # arguments of the bench: instructions executed
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/bench" "$@" 2>&1 >/dev/null \
            | awk '/Collected/ { print $NF }'
    }
    n=2000
    echo "Instructions per post over $n posts (valgrind; start-up, post generation and warm-up taken off):"
    for stage in normalisation analysis vocabularies patterns all reference; do
        c1=$(count --only "$stage" "$n")
        c0=$(count --only "$stage" 0)
        awk -v s="$stage" -v n="$n" -v c1="$c1" -v c0="$c0" 'BEGIN { printf "  %s: %.0f\n", s, (c1 - c0) / n }'
    done
    echo "Instructions per text with the length of the text (the ratio to the previous line should stay near 10):"
    for kind in prose hostile; do
        c0=$(count --grow "$kind" 0)
        previous=""
        for size in 1000 10000 100000; do
            c=$(count --grow "$kind" "$size")
            awk -v k="$kind" -v z="$size" -v c="$c" -v c0="$c0" -v p="$previous" \
                'BEGIN { d = c - c0; printf "  %s, %d tokens: %.0f (%.0f per token)%s\n", k, z, d, d / z, p == "" ? "" : sprintf(" ×%.1f", d / p) }'
            previous=$(awk -v c="$c" -v c0="$c0" 'BEGIN { print c - c0 }')
        done
    done
    exit 0
fi
"$work/bench"
