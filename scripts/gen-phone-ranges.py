#!/usr/bin/env python3
"""Regenerates Sources/VigieToolkit/Generated/PhoneRanges.swift from
libphonenumber's published metadata, as carried by PyPI's `phonenumbers`.

Three tables:
- the French numbering plan: the 9-digit national numbers (after the trunk 0)
  that libphonenumber holds valid for France (+33) and for the overseas
  departments that share the plan (RE and YT +262, GP, BL and MF +590, GF +594,
  MQ +596), as the shortest prefixes that cover them, by region;
- the North American plan (+1): every area code with a valid number, with its
  region (toll-free codes as "NANP");
- the calling codes of the world: main region and the possible lengths of the
  national number, for international numbers (`+CC …`, `00CC …`).

Usage: pip install phonenumbers && scripts/gen-phone-ranges.py
"""
import os
import re

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberType

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.path.join(root, "Sources/VigieToolkit/Generated/PhoneRanges.swift")

TYPES = ["fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number", "voip", "pager",
         "uan", "voicemail"]
PREFIX = 6  # every pattern of the plan is decided by the first six national digits (checked below)
FILLS = ["000", "555", "999", "123", "876"]


def union(region, types):
    m = PhoneMetadata.metadata_for_region(region)
    parts = [getattr(m, t).national_number_pattern for t in types
             if getattr(m, t) is not None and getattr(m, t).national_number_pattern]
    return re.compile("(?:" + ")|(?:".join(parts) + ")") if parts else None


# 1. The French plan.
overseas = ["RE", "YT", "GP", "BL", "MF", "GF", "MQ"]
plan_regions = ["FR"] + overseas
calling_code = {r: PhoneMetadata.metadata_for_region(r).country_code for r in plan_regions}
for r in plan_regions:
    assert PhoneMetadata.metadata_for_region(r).national_prefix == "0", r
    assert PhoneMetadata.metadata_for_region(r).general_desc.possible_length == (9,), r
GEOGRAPHIC = ["fixed_line", "mobile"]
OTHER = [t for t in TYPES if t not in GEOGRAPHIC]
geo = {r: union(r, GEOGRAPHIC) for r in plan_regions}
other = {r: union(r, OTHER) for r in plan_regions}


def decided(prefix, rx):
    """Whether every fill of `prefix` matches `rx` (None: they disagree)."""
    if rx is None:
        return False
    results = {bool(rx.fullmatch(prefix + fill)) for fill in FILLS}
    if len(results) != 1:
        raise SystemExit(f"prefix {prefix} is not decided by its first {PREFIX} digits")
    return results.pop()


# Dialled nationally (0…), a number belongs to France's services first (08, 09),
# then to the overseas departments' fixed and mobile ranges, then to France's.
national_order = [("FR", other)] + [(r, geo) for r in overseas] + [("FR", geo)] + [(r, other) for r in overseas]
# Dialled with a calling code, to the regions of that code.
codes = sorted(set(calling_code.values()))
owners = {"national": {}}
for code in codes:
    owners[code] = {}
for p in range(10 ** (PREFIX - 1), 10 ** PREFIX):
    prefix = str(p)
    geo_match = {r: decided(prefix, geo[r]) for r in plan_regions}
    other_match = {r: decided(prefix, other[r]) for r in plan_regions}
    table = {id(geo): geo_match, id(other): other_match}
    owner = next((r for r, group in national_order if table[id(group)][r]), None)
    if owner:
        owners["national"][prefix] = owner
    for code in codes:
        regions = [r for r in plan_regions if calling_code[r] == code]
        owner = next((r for r in regions if geo_match[r]), None) or next((r for r in regions if other_match[r]), None)
        if owner:
            owners[code][prefix] = owner


def cover(owner, prefix=""):
    """The shortest prefixes, with their region, that cover exactly `owner`."""
    if len(prefix) == PREFIX:
        return [(prefix, owner[prefix])] if prefix in owner else []
    children = [cover(owner, prefix + d) for d in "0123456789"]
    flat = [c for cs in children for c in cs]
    if prefix and all(len(cs) == 1 and len(cs[0][0]) == len(prefix) + 1 for cs in children) \
            and len({r for _, r in flat}) == 1:
        return [(prefix, flat[0][1])]
    return flat


plans = {key: cover(owner) for key, owner in owners.items()}


def by_region(plan):
    result = {}
    for prefix, region in plan:
        result.setdefault(region, []).append(prefix)
    return result


# 2. The North American plan.
nanp_regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE[1]
area_codes = {}
for area in range(200, 1000):
    for exchange in ["234", "555", "720", "467", "989", "321", "852", "600"]:
        number = phonenumbers.PhoneNumber(country_code=1, national_number=int(f"{area}{exchange}4567"))
        if phonenumbers.is_valid_number(number):
            kind = phonenumbers.number_type(number)
            area_codes[area] = "NANP" if kind == PhoneNumberType.TOLL_FREE else phonenumbers.region_code_for_number(number)
            break
nanp_by_region = {}
for area, region in sorted(area_codes.items()):
    nanp_by_region.setdefault(region, []).append(str(area))

# 3. Calling codes.
calling = []
for code, regions in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()):
    lengths = set()
    for region in regions:
        m = PhoneMetadata.metadata_for_region(region) if region != "001" \
            else PhoneMetadata.metadata_for_nongeo_region(code)
        if m is None:
            continue
        for t in TYPES:
            d = getattr(m, t)
            if d is not None and d.national_number_pattern:
                lengths.update(x for x in (d.possible_length or m.general_desc.possible_length) if x > 0)
    if not lengths:
        continue
    main = regions[0] if regions[0] != "001" else "-"
    calling.append(f"{code}:{main}:{min(lengths)}-{max(lengths)}")


def wrapped(items, indent="        ", width=110):
    lines, row = [], ""
    for e in items:
        if row and len(row) + 1 + len(e) > width:
            lines.append(indent + row)
            row = e
        else:
            row = f"{row} {e}" if row else e
    if row:
        lines.append(indent + row)
    return lines


version = phonenumbers.__version__
lines = [
    "// Generated by scripts/gen-phone-ranges.py: do not edit.",
    f"// Source: libphonenumber's metadata as carried by PyPI's phonenumbers {version}",
    "// (the number patterns of each region), read on the date of that release.",
    "",
    "extension PhoneRanges {",
    f"    static let source = \"phonenumbers {version}\"",
    "",
    "    /// The French plan: the 9-digit national numbers (after the trunk 0) that are",
    "    /// valid, as prefixes. `national` then, by region, the numbers as dialled in France;",
    "    /// `+CODE` then, by region, those valid after that calling code.",
    f"    /// {sum(len(p) for p in plans.values())} prefixes in all.",
    "    static let frenchPlanText = \"\"\"",
]
for key in ["national"] + codes:
    regions = by_region(plans[key])
    lines.append("        " + ("national" if key == "national" else f"+{key}"))
    for region in plan_regions:
        if region in regions:
            lines += wrapped([f"{region}:"] + regions[region])
lines += ["        \"\"\"", "",
          f"    /// The North American plan: `REGION:` then its area codes ({len(area_codes)} in all).",
          "    static let northAmericanAreaCodesText = \"\"\""]
for region in sorted(nanp_by_region, key=lambda r: (r not in ("US", "CA", "NANP"), r)):
    lines += wrapped([f"{region}:"] + nanp_by_region[region])
lines += ["        \"\"\"", "",
          "    /// Calling codes: `code:region:shortest-longest` national number (`-`: not a country).",
          "    static let callingCodesText = \"\"\""]
lines += wrapped(calling)
lines += ["        \"\"\"", "}", ""]
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(lines))
print(f"{out}: {sum(len(p) for p in plans.values())} French-plan prefixes, {len(area_codes)} NANP area codes, "
      f"{len(calling)} calling codes (phonenumbers {version})")
