#!/usr/bin/env python3
"""Generates src/Core/Schemas/Data/op-schemas.jsonl, OnnxKit's operator-schema table.

Regenerate (from the repository root, with a clone or bare mirror of onnx/onnx):

    python3 tools/gen_op_schemas.py --onnx-repo PATH/TO/onnx (a clone of github onnx/onnx, or its bare git dir) --rev HEAD

The script reads ONNX's generated operator docs (docs/Changelog.md and
docs/Changelog-ml.md) straight out of the git repository with `git show`, and
cross-checks the (operator, version) pairs against docs/Operators.md and
docs/Operators-ml.md. It keeps only structural facts (formal parameters, arity,
attributes, type constraints, deprecation); no descriptions are copied.

Output: one JSON object per line, sorted by domain, operator name and since-version.
Keys, with defaults left out to keep the file small:
    d    domain ("" is the default ai.onnx domain)
    op   operator name
    v    since-version
    dep  true when this version deprecates the operator (such entries carry nothing else)
    in / out   formal parameters: {"n": name, "t": type string or constraint name,
               "o": "opt" | "var" (absent: single), "het": true when heterogeneous}
    min_in / max_in / min_out / max_out   arity; 2147483647 means unbounded
    attr  [{"n": name, "k": FLOAT | INTS | ..., "req": true, "def": default as text}]
    tc    [{"n": type parameter, "a": [allowed type strings]}]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
from pathlib import Path

UNBOUNDED = 2**31 - 1
CHANGELOGS = ("docs/Changelog.md", "docs/Changelog-ml.md")
OPERATOR_INDEXES = ("docs/Operators.md", "docs/Operators-ml.md")

DOMAIN_HEADING = re.compile(r"^# (\S+)")
OP_HEADING = re.compile(r'^### <a name="(?P<anchor>[^"]+)"></a>\*\*[^*]+\*\*(?P<deprecated> \(deprecated\))?')
SINCE_SENTENCE = re.compile(
    r"^This version of the operator has been (?P<state>available|deprecated) since version (?P<v>\d+) of "
)
SECTION_HEADING = re.compile(r"^#### (?P<title>[A-Za-z ]+?)(?: \((?P<min>\d+) - (?P<max>\d+|&#8734;)\))?\s*$")
ATTRIBUTE_ENTRY = re.compile(
    r"^<dt><tt>(?P<name>[^<]+)</tt> : (?P<type>[a-z_ ]+?)(?: \((?:(?P<req>required)|default is (?P<default>.*))\))?</dt>$"
)
FORMAL_ENTRY = re.compile(r"^<dt><tt>(?P<name>[^<]+)</tt>(?: \((?P<tags>[^)]*)\))? : (?P<type>.+)</dt>$")
CONSTRAINT_ENTRY = re.compile(r"^<dt><tt>(?P<name>[^<]+)</tt> : (?P<types>.+)</dt>$")
INDEX_LINK = re.compile(r'href="Changelog(?:-ml)?\.md#(?P<anchor>[^"]+)"')
PARENTHESISED_NUMBER = re.compile(r"^\((?P<n>[-+0-9.eE]+)\)$")

SCALAR_ATTRIBUTE_KINDS = {"float", "int", "string", "tensor", "graph", "sparse_tensor", "type_proto"}


def git_show(repo: str, rev: str, path: str) -> str:
    return subprocess.run(
        ["git", "-C", repo, "show", f"{rev}:{path}"], check=True, capture_output=True, text=True
    ).stdout


def attribute_kind(doc_type: str) -> str:
    """'int' -> INT, 'list of sparse_tensors' -> SPARSE_TENSORS."""
    if doc_type.startswith("list of ") and doc_type.endswith("s"):
        element = doc_type[len("list of ") : -1]
        if element in SCALAR_ATTRIBUTE_KINDS:
            return element.upper() + "S"
    elif doc_type in SCALAR_ATTRIBUTE_KINDS:
        return doc_type.upper()
    raise ValueError(f"unknown attribute type {doc_type!r}")


def split_type_list(text: str) -> list[str]:
    """Splits 'map(string, int64), tensor(float)' at top-level commas only."""
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        depth += (ch == "(") - (ch == ")")
        current += ch
    parts.append(current.strip())
    return [p for p in parts if p]


def default_text(raw: str) -> str:
    """ONNX's doc generator wraps long float defaults in parentheses; keep just the number."""
    text = html.unescape(raw)
    match = PARENTHESISED_NUMBER.match(text)
    return match.group("n") if match else text


def formal_parameter(entry: re.Match) -> dict:
    tags = {t.strip() for t in (entry.group("tags") or "").split(",") if t.strip()}
    unknown = tags - {"optional", "variadic", "heterogeneous", "differentiable", "non-differentiable"}
    if unknown:
        raise ValueError(f"unknown formal-parameter tags {unknown}")
    param = {"n": html.unescape(entry.group("name")), "t": html.unescape(entry.group("type").strip())}
    if "optional" in tags:
        param["o"] = "opt"
    elif "variadic" in tags:
        param["o"] = "var"
    if "heterogeneous" in tags:
        param["het"] = True
    return param


def parse_changelog(text: str) -> list[dict]:
    schemas: list[dict] = []
    domain = None
    schema = None
    section = None
    arity: dict[str, tuple[int, int]] = {}

    def finish() -> None:
        if schema is None:
            return
        for key, params in (("in", schema["in"]), ("out", schema["out"])):
            low, high = arity.get(key, (len(params), len(params)))
            schema[f"min_{key}"], schema[f"max_{key}"] = low, high
        if "v" not in schema:
            raise ValueError(f"no version sentence for {schema['op']}")
        schemas.append(schema)

    for line in text.splitlines():
        if m := DOMAIN_HEADING.match(line):
            finish()
            schema, section = None, None
            domain = "" if m.group(1) == "ai.onnx" else m.group(1)
        elif m := OP_HEADING.match(line):
            finish()
            anchor = m.group("anchor")
            name, _, version = anchor.rpartition("-")
            prefix = f"{domain}." if domain else ""
            if prefix and not name.startswith(prefix):
                raise ValueError(f"{anchor} is not in domain {domain}")
            schema = {
                "d": domain, "op": name[len(prefix):], "anchor_v": int(version),
                "dep": m.group("deprecated") is not None,
                "in": [], "out": [], "attr": [], "tc": [],
            }
            arity, section = {}, None
        elif schema is None:
            continue
        elif m := SECTION_HEADING.match(line):
            section = m.group("title")
            if m.group("min") is not None:
                high = m.group("max")
                bound = (int(m.group("min")), UNBOUNDED if high == "&#8734;" else int(high))
                arity["in" if section == "Inputs" else "out"] = bound
        elif section == "Version" and (m := SINCE_SENTENCE.match(line)):
            schema["v"] = int(m.group("v"))
            if (m.group("state") == "deprecated") != schema["dep"]:
                raise ValueError(f"deprecation mismatch for {schema['op']}")
        elif section == "Version" and line.startswith("No versioning maintained for experimental ops"):
            schema["v"] = schema["anchor_v"]
            schema["experimental"] = True
        elif not line.startswith("<dt>"):
            continue
        elif section == "Attributes":
            m = ATTRIBUTE_ENTRY.match(line)
            if not m:
                raise ValueError(f"unparsed attribute line: {line}")
            attr = {"n": html.unescape(m.group("name")), "k": attribute_kind(m.group("type"))}
            if m.group("req"):
                attr["req"] = True
            if m.group("default") is not None:
                attr["def"] = default_text(m.group("default"))
            schema["attr"].append(attr)
        elif section in ("Inputs", "Outputs"):
            m = FORMAL_ENTRY.match(line)
            if not m:
                raise ValueError(f"unparsed formal parameter line: {line}")
            schema["in" if section == "Inputs" else "out"].append(formal_parameter(m))
        elif section == "Type Constraints":
            m = CONSTRAINT_ENTRY.match(line)
            if not m:
                raise ValueError(f"unparsed type constraint line: {line}")
            schema["tc"].append({"n": m.group("name"), "a": split_type_list(html.unescape(m.group("types")))})
    finish()

    for s in schemas:
        if s.pop("anchor_v") != s["v"]:
            raise ValueError(f"heading and version sentence disagree for {s['op']}")
    return schemas


def compact(schema: dict) -> dict:
    """Fixed key order; empty lists and false flags left out."""
    ordered = {"d": schema["d"], "op": schema["op"], "v": schema["v"]}
    if schema["dep"]:
        ordered["dep"] = True
        return ordered  # the docs list no signature for a deprecated version
    for key in ("in", "min_in", "max_in", "out", "min_out", "max_out", "attr", "tc"):
        value = schema[key]
        if value != []:
            ordered[key] = value
    return ordered


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onnx-repo", required=True, help="path to a clone or bare mirror of onnx/onnx")
    parser.add_argument("--rev", default="HEAD", help="git revision to read (default HEAD)")
    parser.add_argument("--out", default="src/Core/Schemas/Data/op-schemas.jsonl", help="output file")
    args = parser.parse_args()

    schemas = [s for path in CHANGELOGS for s in parse_changelog(git_show(args.onnx_repo, args.rev, path))]

    def anchor(s: dict) -> str:
        return (f"{s['d']}." if s["d"] else "") + f"{s['op']}-{s['v']}"

    parsed = {anchor(s) for s in schemas}
    if len(parsed) != len(schemas):
        raise ValueError("duplicate (domain, operator, version) entries")
    # The operator index leaves out superseded experimental versions (e.g. Upsample-1).
    indexed = {m.group("anchor") for path in OPERATOR_INDEXES
               for m in INDEX_LINK.finditer(git_show(args.onnx_repo, args.rev, path))}
    experimental = {anchor(s) for s in schemas if s.get("experimental")}
    if indexed - parsed or parsed - indexed - experimental:
        raise ValueError(f"changelog/index mismatch: only parsed {sorted(parsed - indexed)}, "
                         f"only indexed {sorted(indexed - parsed)}")

    schemas.sort(key=lambda s: (s["d"], s["op"], s["v"]))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as f:
        for s in schemas:
            f.write(json.dumps(compact(s), separators=(",", ":"), ensure_ascii=False) + "\n")

    domains: dict[str, set[str]] = {}
    for s in schemas:
        domains.setdefault(s["d"] or "ai.onnx", set()).add(s["op"])
    for d, ops in sorted(domains.items()):
        count = sum(1 for s in schemas if (s["d"] or "ai.onnx") == d)
        print(f"{d}: {len(ops)} operators, {count} schemas", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
