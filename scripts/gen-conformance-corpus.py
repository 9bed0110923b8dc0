#!/usr/bin/env python3
"""Regenerates Tests/Conformance/vectors.tsv, the detectors' conformance corpus,
from the test data of public projects (only the test strings are copied, each
row naming its source repository and file; no code).

Each source is read with `git show` from a local clone of its repository:
MIRRORS/owner+name/repo (a bare or normal git directory), by default
MIRRORS=/work/.mirror. The commit read is written in the file's header.

Rows: kind, scope, text, source, separated by tabs. In the text, ⟦…⟧ marks an
expected match of the row's kind and ⟦kind|…⟧ one of another kind; a row
without marks is a negative case (nothing of any personal-data kind, or of the
row's kind for `url` and `domain`, may be found). A newline in a text is
written `\\n`. Scopes:
- claimed: a format docs/toolkit.md says the detector finds (or rejects),
  tried bare and in a French and an English sentence;
- claimed-context: the same, but only in the sentences (a format that needs
  a cue, such as an unseparated North American number or SIN);
- unclaimed: a format the docs leave out (other countries' national formats,
  unusual groupings); measured, not gated.

Usage: scripts/gen-conformance-corpus.py [MIRRORS]
"""
import html
import os
import re
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
mirrors = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("MIRRORS", "/work/.mirror")
out = os.path.join(root, "Tests/Conformance/vectors.tsv")

rows = []
commits = {}


def git_dir(repo):
    return os.path.join(mirrors, repo.replace("/", "+"), "repo")


def show(repo, path):
    d = git_dir(repo)
    if repo not in commits:
        commits[repo] = subprocess.run(["git", "-C", d, "rev-parse", "HEAD"], capture_output=True, text=True,
                                       check=True).stdout.strip()
    return subprocess.run(["git", "-C", d, "show", f"HEAD:{path}"], capture_output=True, text=True,
                          check=True).stdout


def add(kind, scope, text, source):
    assert kind in ("phone", "iban", "nir", "sin", "postal-code", "street-address", "url", "domain"), kind
    assert scope in ("claimed", "claimed-context", "unclaimed"), scope
    assert "\t" not in text
    rows.append((kind, scope, text.replace("\n", "\\n"), source))


def mark(text, spans, kinds=None):
    """`text` with ⟦⟧ around each (start, end) span; `kinds` gives a kind per span (None: the row's)."""
    out, last = "", 0
    for n, (s, e) in enumerate(sorted(spans)):
        kind = kinds[n] if kinds else None
        out += text[last:s] + "⟦" + (f"{kind}|" if kind else "") + text[s:e] + "⟧"
        last = e
    return out + text[last:]


def mark_sub(text, needle, kind=None):
    s = text.index(needle)
    return mark(text, [(s, s + len(needle))], [kind] if kind else None)


# ---------------------------------------------------------------- IBAN
PRINTED = re.compile(r"[A-Z]{2} ?\d{2}(?:[ -]?[A-Z0-9])+")
BLOCK = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}")


def iban_scope(s):
    """Claimed: upper case, the groups separated by single spaces or hyphens (none
    inside the country code, at most a space between it and the check digits)."""
    return "claimed" if (PRINTED.fullmatch(s) and "-" not in s[:5]) or BLOCK.fullmatch(s) else "unclaimed"


src = "arthurdejong/python-stdnum"
path = "tests/test_iban.doctest"
doc = show(src, path)
for block, check in re.findall(r">>> numbers = '''\n(.*?)\.\.\. '''\n>>> (.*?)\n", doc, re.S):
    valid = "not iban.is_valid" in check
    for line in block.splitlines():
        value = line[4:].strip()
        if not value:
            continue
        if valid:
            add("iban", iban_scope(value), f"⟦{value}⟧", f"{src}:{path}")
        else:
            add("iban", iban_scope(value) if PRINTED.fullmatch(value) or BLOCK.fullmatch(value) else "unclaimed",
                value, f"{src}:{path}")

src = "mdomke/schwifty"
path = "tests/test_iban.py"
test = show(src, path)
valid_block = re.search(r"^valid = \[\n(.*?)^\]", test, re.S | re.M).group(1)
for value in re.findall(r'^\s+"([^"]+)",', valid_block, re.M):
    add("iban", iban_scope(value), f"⟦{value}⟧", f"{src}:{path}")
invalid_block = re.search(r"^invalid = \[\n(.*?)^\]", test, re.S | re.M)
if invalid_block:
    for value in re.findall(r'^\s+"([^"]+)",', invalid_block.group(1), re.M):
        add("iban", "claimed" if PRINTED.fullmatch(value) or BLOCK.fullmatch(value) else "unclaimed", value,
            f"{src}:{path}")

src = "microsoft/presidio"
path = "presidio-analyzer/tests/test_iban_recognizer.py"
test = show(src, path)
for text, n, spans in re.findall(r'\(\s*"([^"]*)",\s*(\d+),\s*\(((?:\(\d+, \d+\),\s*)*)\),?\s*\)', test):
    spans = [(int(a), int(b)) for a, b in re.findall(r"\((\d+), (\d+)\)", spans)]
    if "{" in text:
        continue
    kinds, extra = [None] * len(spans), []
    if "Peartree" in text:
        # A sentence with no IBAN, but a street address and a phone number.
        for needle, kind in [("3843 Peartree Road", "street-address"), ("440-600-5124", "phone")]:
            s = text.index(needle)
            extra.append(((s, s + len(needle)), kind))
    all_spans = spans + [s for s, _ in extra]
    all_kinds = kinds + [k for _, k in extra]
    order = sorted(range(len(all_spans)), key=lambda k: all_spans[k])
    marked = mark(text, [all_spans[k] for k in order], [all_kinds[k] for k in order])
    values = [text[s:e] for s, e in spans]
    scope = "claimed" if all(iban_scope(v) == "claimed" for v in values) else "unclaimed"
    if not spans and "/" in text:
        scope = "claimed"  # slashes are not IBAN separators: nothing to find
    add("iban", scope, marked, f"{src}:{path}")

# ---------------------------------------------------------------- NIR and SIN
src = "arthurdejong/python-stdnum"
path = "stdnum/fr/nir.py"
mod = show(src, path)
for value, result in re.findall(r">>> validate\('([^']+)'\)(?:\s*#[^\n]*)?\n(.*?)\n", mod):
    if result.startswith("Traceback"):
        add("nir", "claimed", value, f"{src}:{path}")
    else:
        add("nir", "claimed", f"⟦{value}⟧", f"{src}:{path}")
path = "stdnum/ca/sin.py"
mod = show(src, path)
for value, result in re.findall(r">>> validate\('([^']+)'\)(?:\s*#[^\n]*)?\n(.*?)\n", mod):
    scope = "claimed-context" if value.isdigit() else "claimed"
    if result.startswith("Traceback"):
        add("sin", scope, value, f"{src}:{path}")
    else:
        add("sin", scope, f"⟦{value}⟧", f"{src}:{path}")

src = "aphp/eds-pseudo"
path = "tests/test_simple_rules.py"
test = show(src, path)
for example in re.findall(r"^\s+'(.*)',$", test, re.M) + re.findall(r'^\s+"(.*)",$', test, re.M):
    example = example.replace("\\n", "\n").replace("\\'", "'")
    spans, kinds, text = [], [], ""
    for part in re.split(r'(<ent label="[A-Z_]+">.*?</ent>)', example):
        m = re.fullmatch(r'<ent label="([A-Z_]+)">(.*?)</ent>', part)
        if m:
            kind = {"TEL": "phone", "SECU": "nir"}.get(m.group(1))
            if kind:
                spans.append((len(text), len(text) + len(m.group(2))))
                kinds.append(kind)
            text += m.group(2)
        else:
            text += part
    if "TEL" in example:
        add("phone", "claimed", mark(text, spans, [None for _ in kinds]), f"{src}:{path}")
    elif "SECU" in example:
        # The example's key is not valid: a NIR with a wrong key is reported by nothing.
        add("nir", "unclaimed", mark(text, spans, [None for _ in kinds]), f"{src}:{path}")

# ---------------------------------------------------------------- Phones
src = "microsoft/presidio"
path = "presidio-analyzer/tests/test_phone_recognizer.py"
test = show(src, path)
first = test.split("def test_when_all_phones_then_succeed")[0]
for text, spans in re.findall(r'\("([^"]+)",\s*\n?\s*\d+, \[[^\]]*\],\s*\n?\s*\(((?:\(\d+, \d+\),\s*)+)\)', first):
    spans = [(int(a), int(b)) for a, b in re.findall(r"\((\d+), (\d+)\)", spans)]
    values = [text[s:e] for s, e in spans]
    north_american = all(re.fullmatch(r"\(\d{3}\) ?\d{3}-\d{4}|\d{3}-\d{3}-\d{4}|\+\d[\d ]+", v) for v in values)
    add("phone", "claimed" if north_american else "unclaimed", mark(text, spans), f"{src}:{path}")

src = "google/libphonenumber"
path = "java/libphonenumber/test/com/google/i18n/phonenumbers/PhoneNumberMatcherTest.java"
test = show(src, path)


def java_string(s):
    return re.sub(r"\\u([0-9A-Fa-f]{4})", lambda m: chr(int(m.group(1), 16)), s).replace('\\"', '"')


# Numbers found in context (doTestFindInContext): the formats Vigie claims.
claimed_in_context = {
    "0064 3 331 6005", "+64 3 331 6005", "+1 (650) 333-6000", "1-650-333-6000", "\uFF0B1 (650) 333-6000",
    "\uFF0B\uFF11\u3000\uFF08\uFF16\uFF15\uFF10\uFF09\u3000\uFF13\uFF13\uFF13\uFF0D\uFF16\uFF10\uFF10\uFF10",
    "+39 02-36618 300", "+54 9 343 555 1212", "+54 9 3715 65 4320", "+54 11 3797 0000", "+54 3715 65 4321",
    "+54 23 1234 0000", "+52 (449)978-0001", "+44 2034567890x456", "+44 2034567890 x456",
    "+44 2034567890 X456", "+44 2034567890 X 456", "+44 2034567890 X  456", "(800) 901-3355 x 7246433",
    "(800) 901-3355 ext: 7246433",
}
seen = set()
for raw in re.findall(r'doTestFindInContext\(\s*"((?:[^"\\]|\\.)*)"(?:\s*\+\s*"((?:[^"\\]|\\.)*)")?', test):
    number = java_string(raw[0] + raw[1])
    if number in seen:
        continue
    seen.add(number)
    add("phone", "claimed" if number in claimed_in_context else "unclaimed", f"⟦{number}⟧", f"{src}:{path}")

# The NumberTest lists: numbers not to be found, and numbers found only with looser groupings.
for name in ["IMPOSSIBLE_CASES", "POSSIBLE_ONLY_CASES", "VALID_CASES", "STRICT_GROUPING_CASES", "EXACT_GROUPING_CASES"]:
    block = re.search(name + r"\s*=\s*\{(.*?)\};", test, re.S).group(1)
    for raw, region in re.findall(r'new NumberTest\("((?:[^"\\]|\\.)*)", RegionCode\.(\w+)\)', block):
        number = java_string(raw)
        if name in ("IMPOSSIBLE_CASES", "POSSIBLE_ONLY_CASES"):
            add("phone", "claimed" if region == "US" else "unclaimed", html.unescape(number), f"{src}:{path}")
        elif name == "EXACT_GROUPING_CASES" and region == "US":
            scope = "claimed-context" if re.match(r"[\d\uFF10-\uFF19]{10}(?:$| )", number) else "claimed"
            if "/" in number:
                scope = "unclaimed"
            add("phone", scope, f"⟦{number}⟧", f"{src}:{path}")
        else:
            add("phone", "unclaimed", f"⟦{number}⟧", f"{src}:{path}")

# Several numbers in one text.
numbers = ["415-666-7777", "800-443-1223", "212-443-1223", "650-443-1223"]
add("phone", "claimed", " - ".join(f"⟦{n}⟧" for n in numbers), f"{src}:{path}")
add("phone", "claimed", "⟦(415) 666-7777⟧ ⟦(800) 443-1223⟧", f"{src}:{path}")
add("phone", "claimed", "My address is CA 34215 - ⟦415-666-7777⟧ is my number.", f"{src}:{path}")
add("phone", "claimed", "My number is ⟦(415) 666 7777⟧. 34215 is my zip-code.", f"{src}:{path}")
add("phone", "unclaimed", "Call ⟦650-253-4561⟧ -- ⟦455-234-3451⟧", f"{src}:{path}")

# The example numbers of libphonenumber's metadata, written in the formats Vigie claims.
path = "resources/PhoneNumberMetadata.xml"
metadata = show(src, path)
french_plan = {"FR": "33", "RE": "262", "YT": "262", "GP": "590", "BL": "590", "MF": "590", "GF": "594",
               "MQ": "596"}
for region in list(french_plan) + ["US", "CA"]:
    territory = re.search(rf'<territory id="{region}".*?</territory>', metadata, re.S).group(0)
    for kind, example in re.findall(r"<(\w+)>\s*<possibleLengths[^>]*/>\s*<exampleNumber>(\d+)</exampleNumber>",
                                    territory):
        if len(example) != (9 if region in french_plan else 10):
            continue
        if region in french_plan:
            n = example
            pairs = " ".join(n[k:k + 2] for k in range(1, 9, 2))
            forms = [f"0{n[0]} {pairs}", f"0{n[0]}.{pairs.replace(' ', '.')}", f"0{n}", f"0{n[0]}-{pairs.replace(' ', '-')}",
                     f"+{french_plan[region]} {n[0]} {pairs}", f"+{french_plan[region]} (0){n[0]} {pairs}",
                     f"00{french_plan[region]} {n[0]} {pairs}", f"+{french_plan[region]}{n}"]
            if n.startswith("8"):
                forms.append(f"0 {n[:3]} {n[3:6]} {n[6:]}")
        else:
            n = example
            forms = [f"{n[:3]}-{n[3:6]}-{n[6:]}", f"({n[:3]}) {n[3:6]}-{n[6:]}", f"{n[:3]} {n[3:6]}-{n[6:]}",
                     f"{n[:3]}.{n[3:6]}.{n[6:]}", f"1-{n[:3]}-{n[3:6]}-{n[6:]}", f"+1 {n[:3]} {n[3:6]} {n[6:]}",
                     f"+1({n[:3]}){n[3:6]}-{n[6:]}", f"1 ({n[:3]}) {n[3:6]}-{n[6:]}"]
        for form in forms:
            add("phone", "claimed", f"⟦{form}⟧", f"{src}:{path} ({region} {kind})")

# ---------------------------------------------------------------- Addresses and postal codes
src = "datamade/usaddress"
english_types = {"street", "st", "avenue", "ave", "av", "road", "rd", "drive", "dr", "lane", "ln", "boulevard", "blvd",
                 "court", "ct", "way", "place", "pl", "crescent", "cres", "terrace", "circle", "cir", "highway", "hwy",
                 "parkway", "pkwy", "square", "sq", "trail", "row", "close", "grove", "gardens"}
directions = {"east", "west", "north", "south", "ouest", "est", "nord", "sud", "n", "s", "e", "w", "o", "ne", "nw",
              "se", "sw"}


def p_strip(value):
    return value.rstrip(".,").lower()


for path in ["measure_performance/test_data/labeled.xml", "measure_performance/test_data/us50_test_tagged.xml"]:
    data = show(src, path)
    for string in re.findall(r"<AddressString>(.*?)</AddressString>", data):
        tokens = re.findall(r"<(\w+)>(.*?)</\1>|( +)", string)
        text, parts = "", []
        for label, value, space in tokens:
            if space:
                text += space
                continue
            value = html.unescape(value)
            parts.append((label, len(text), len(text) + len(value), value))
            text += value
        labels = [p[0] for p in parts]
        if "StreetNamePostType" not in labels and "AddressNumber" in labels:
            # us50's tags call the street type a StreetName: the last one that is a type.
            names = [k for k, p in enumerate(parts) if p[0] == "StreetName"]
            types = [k for k in names[1:] if p_strip(parts[k][3]) in english_types]
            if types:
                k = types[-1]
                parts[k] = ("StreetNamePostType",) + parts[k][1:]
                if k + 1 < len(parts) and parts[k + 1][0] == "StreetName" and p_strip(parts[k + 1][3]) in directions:
                    parts[k + 1] = ("StreetNamePostDirectional",) + parts[k + 1][1:]
            labels = [p[0] for p in parts]
        if "AddressNumber" not in labels:
            if "StreetName" not in labels:
                add("street-address", "claimed", text, f"{src}:{path}")
            continue
        # The street: from the number to the street type (and a direction after it).
        start = labels.index("AddressNumber")
        street = [p for p in parts[start:] if p[0].startswith("StreetName") or p[0] == "AddressNumber"]
        if "StreetNamePostType" not in labels:
            e = street[-1][2] - (1 if street[-1][3].endswith(",") else 0)
            add("street-address", "unclaimed", mark(text, [(parts[start][1], e)]), f"{src}:{path}")
            continue
        post = max(k for k, p in enumerate(parts) if p[0] == "StreetNamePostType")
        end = parts[post][2]
        after = parts[post + 1] if post + 1 < len(parts) else None
        if after and after[0] == "StreetNamePostDirectional":
            end = after[2]
        span = (parts[start][1], end)
        street_text = text[span[0]:span[1]].rstrip(",")
        span = (span[0], span[0] + len(street_text))
        names = [p for p in parts[start + 1:post] if p[0] in ("StreetName", "StreetNamePreDirectional")]
        number = parts[start][3]
        claimed = parts[post][3].rstrip(".,").lower() in english_types \
            and re.fullmatch(r"[1-9]\d{0,4}", number) is not None \
            and all(p[0] in ("StreetName", "StreetNamePreDirectional") for p in parts[start + 1:post]) \
            and all(re.fullmatch(r"[A-Z][a-z]+|\d+(st|nd|rd|th)|[NSEW]\.?|[NS][EW]", p[3]) for p in names) \
            and (not after or after[0] != "StreetNamePostDirectional" or after[3].rstrip(".,").lower() in directions
                 and re.fullmatch(r"[A-Z][a-z]*", after[3].rstrip(".,")))
        # An occupancy after a comma joins the match (", apt 4", ", Suite 200").
        occupancy = [p for p in parts if p[0] in ("OccupancyType", "OccupancyIdentifier")]
        if occupancy and parts.index(occupancy[0]) > post:
            between = text[span[1]:occupancy[0][1]]
            if between.strip() in ("", ",") and occupancy[0][3].rstrip(".").lower() in (
                    "apt", "app", "appt", "apartment", "unit", "suite", "bureau") and len(occupancy) == 2 \
                    and re.fullmatch(r"#?\w+,?", occupancy[1][3]):
                span = (span[0], occupancy[1][2] - (1 if occupancy[1][3].endswith(",") else 0))
        add("street-address", "claimed" if claimed else "unclaimed", mark(text, [span]), f"{src}:{path}")

src = "pelias/parser"
for path, language in [("test/address.fra.test.js", "fr"), ("test/address.usa.test.js", "en")]:
    test = show(src, path)
    for text, expected in re.findall(r"assert\(['`]([^'`]+)['`],\s*\[(.*?)\]\s*\)", test, re.S):
        if expected.lstrip().startswith("["):
            continue  # several readings
        fields = dict(re.findall(r"(\w+): ['`]([^'`]+)['`]", expected))
        spans, kinds = [], []
        scope = "claimed"
        if "housenumber" in fields and "street" in fields:
            s = text.find(fields["housenumber"])
            e = text.find(fields["street"], s) + len(fields["street"])
            spans.append((s, e))
            kinds.append("street-address")
            if language == "en":
                scope = "unclaimed"  # pelias's English cases are street names without a number
            if re.match(r" [A-Z]", text[e:]):
                scope = "unclaimed"  # a town right after the name, without a comma, reads as part of it
        elif "street" in fields:
            scope = "unclaimed"  # no number: not an address Vigie reports
            s = text.find(fields["street"])
            spans.append((s, s + len(fields["street"])))
            kinds.append("street-address")
        if "postcode" in fields:
            s = text.find(fields["postcode"])
            spans.append((s, s + len(fields["postcode"])))
            kinds.append("postal-code")
            followed = re.match(r" [A-Z]", text[s + len(fields["postcode"]):])
            if not followed or language == "en":
                scope = "unclaimed"  # a postcode without a town after it, or a US ZIP code
        if not spans or any(s < 0 or e <= s for s, e in spans):
            continue  # a field not written as such in the text
        order = sorted(range(len(spans)), key=lambda k: spans[k])
        kind = kinds[0]
        add(kind, scope, mark(text, [spans[k] for k in order], [None if kinds[k] == kind else kinds[k] for k in order]),
            f"{src}:{path}")

src = "openvenues/libpostal"
path = "test/test_parser.c"
test = show(src, path)
for raw, comps in re.findall(r'test_parse_result_equals\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+),\s*options,\s*\d+,(.*?)\)\s*\);',
                             test, re.S):
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', raw))
    text = text.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
    fields = dict(re.findall(r'\{"(\w+)",\s*"((?:[^"\\]|\\.)*)"\}', comps))
    lower = text.lower()
    spans, kinds = [], []
    canadian = re.fullmatch(r"[a-z]\d[a-z] \d[a-z]\d", fields.get("postcode", ""))
    if "house_number" in fields and "road" in fields:
        s = lower.find(fields["house_number"])
        e = lower.find(fields["road"], s) + len(fields["road"])
        if s >= 0 and e > s:
            spans.append((s, e))
            kinds.append("street-address")
    if canadian:
        s = lower.find(fields["postcode"])
        spans.append((s, s + len(fields["postcode"])))
        kinds.append("postal-code")
    if not spans:
        continue
    country = fields.get("country", "")
    english = re.fullmatch(r"[1-9]\d{0,4}", fields.get("house_number", "1")) is not None \
        and fields.get("road", "x y").split()[-1] in english_types | directions \
        and country in ("", "united states")
    scope = "claimed" if english or (canadian and "road" not in fields) else "unclaimed"
    if any(w in text for w in ("Floor", "Fl", "Apt", "Ste ")):
        scope = "unclaimed"  # an occupancy without the comma Vigie needs
    order = sorted(range(len(spans)), key=lambda k: spans[k])
    kind = kinds[order[0]]
    add(kind, scope, mark(text, [spans[k] for k in order], [None if kinds[k] == kind else kinds[k] for k in order]),
        f"{src}:{path}")

src = "aphp/eds-pseudo"
path = "tests/test_addresses.py"
test = show(src, path)
for func in re.split(r"^def ", test, flags=re.M)[1:]:
    m = re.search(r'text = "([^"]+)"', func)
    if not m:
        continue
    text = m.group(1)
    expected = dict(re.findall(r'doc\.spans\["(\w+)"\]\[0\]\.text == "([^"]+)"', func))
    street, zip_code = expected.get("STREET_ADDRESS") or expected.get("ADRESSE"), expected.get("ZIP_CODE") or expected.get("ZIP")
    spans, kinds = [], []
    scope = "claimed"
    if street:
        s = text.find(street)
        spans.append((s, s + len(street)))
        kinds.append("street-address")
        if not re.match(r"\d", street) or len(street.split()) > 5:
            scope = "unclaimed"  # no number, or a lower-case name of several words
    if zip_code and zip_code.isdigit():
        s = text.find(zip_code)
        spans.append((s, s + len(zip_code)))
        kinds.append("postal-code")
    if not spans:
        continue
    add("street-address", scope, mark(text, spans, [None if k == "street-address" else k for k in kinds]),
        f"{src}:{path}")

# ---------------------------------------------------------------- Links and domains
src = "microsoft/presidio"
path = "presidio-analyzer/tests/test_url_recognizer.py"
test = show(src, path)
for quote, text, n, spans in re.findall(r"\((['\"])(.*?)\1,\s*(\d+),\s*\(((?:\(\d+, \d+\),\s*)*)\)", test):
    spans = [(int(a), int(b)) for a, b in re.findall(r"\((\d+), (\d+)\)", spans)]
    values = [text[s:e] for s, e in spans]
    if any(v.startswith(("http", "'http", '"http')) for v in values):
        # Presidio's span takes the quotes in; Vigie's link stops at a quote.
        spans = [(s + 1, e - 1) if text[s] in "'\"" else (s, e) for s, e in spans]
        add("url", "claimed", mark(text, spans), f"{src}:{path}")
    elif spans:
        add("domain", "claimed", mark(text, spans), f"{src}:{path}")
    else:
        add("url", "claimed", text, f"{src}:{path}")
        add("domain", "claimed", text if "www." not in text else text, f"{src}:{path}")

src = "publicsuffix/list"
path = "tests/tests.txt"
tests = show(src, path)
for line in tests.splitlines():
    if not line or line.startswith("//"):
        continue
    name, expected = line.split()
    if name == "null" or not name.isascii():
        continue
    tld = name.rsplit(".", 1)[-1].lower()
    # The list's implicit "*" rule (an unlisted top-level label) is not applied by Vigie.
    scope = "unclaimed" if tld in ("example", "test") else "claimed"
    if name.lower() == "uk.com":
        scope = "unclaimed"  # a suffix of the list's private section, which Vigie leaves out
    if name.lower().startswith("www.") and name.count(".") >= 1 and expected.lower().startswith("www."):
        scope = "unclaimed"  # `www` as the registrable label (the list's exception !www.ck)
    if expected == "null":
        add("domain", scope, name, f"{src}:{path}")
    else:
        add("domain", scope, f"⟦{name}⟧", f"{src}:{path}")

# ---------------------------------------------------------------- Write
header = [
    "# The detectors' conformance corpus: test strings of public projects (see each row's source).",
    "# Generated by scripts/gen-conformance-corpus.py; read by Tests/VigieToolkitTests/ConformanceTests.swift.",
    "# kind, scope, text (⟦…⟧ an expected match, ⟦kind|…⟧ one of another kind), source.",
] + [f"# {repo} at {commit}" for repo, commit in sorted(commits.items())]
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(header) + "\n")
    for row in rows:
        f.write("\t".join(row) + "\n")
counts = {}
for kind, scope, _, _ in rows:
    counts[(kind, scope)] = counts.get((kind, scope), 0) + 1
print(f"{out}: {len(rows)} rows")
for key in sorted(counts):
    print(f"  {key[0]:15} {key[1]:16} {counts[key]}")
