#!/usr/bin/env python3
"""Regenerates docs/COVERAGE.md from the Incus REST API specification and the client's code.

Usage: scripts/generate-coverage.py PATH/TO/rest-api.yaml > docs/COVERAGE.md

The specification is not part of this repository (take doc/rest-api.yaml of the Incus version you
target). Rows are the spec's path + method pairs in the spec's order. A row is "covered" when a
method of the API package carries @Endpoint(method, path) for it; every other row takes the reason from REASONS, by
the first matching path prefix. The build does not run this script: CoverageTableTest checks the
committed table against the code, so a stale table fails the tests.
"""
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
API = ROOT / "incus-client/src/main/java/io/github/incus4j/client"

# (method or None, path prefix or exact path, reason); the first match wins.
REASONS = [
]

ENDPOINT = re.compile(r'@Endpoint\(method\s*=\s*"([A-Z]+)",\s*path\s*=\s*"([^"]+)"\)')
METHOD = re.compile(r'public\s+[^=;(]*?\s(\w+)\s*\(')
CLASS = re.compile(r'(?:public\s+)?(?:static\s+)?(?:final\s+)?class\s+(\w+)')


def annotated():
    """(method, path) -> Class#method for every @Endpoint in the API package."""
    found = {}
    for source in sorted(API.glob("*.java")):
        lines = source.read_text().splitlines()
        classes = []
        pending = []
        text_so_far = ""
        for line in lines:
            klass = CLASS.search(line)
            if klass and "class " in line and not line.strip().startswith("*"):
                classes.append(klass.group(1))
            joined = line.strip()
            for match in ENDPOINT.finditer(joined):
                pending.append((match.group(1), match.group(2)))
            if pending and "@Endpoint" not in joined and not joined.startswith("path =") and "(" in joined:
                method = METHOD.search(joined)
                if method:
                    owner = ".".join(classes) if len(classes) > 1 else classes[0]
                    for key in pending:
                        found.setdefault(key, []).append(owner + "#" + method.group(1))
                    pending = []
            text_so_far += line
        # multi-line annotations: method and path on separate lines
        for match in re.finditer(r'@Endpoint\(method\s*=\s*"([A-Z]+)",\s*\n\s*path\s*=\s*"([^"]+)"\)\s*\n\s*public\s+[^(]*?\s(\w+)\s*\(',
                                 source.read_text()):
            owner = classes[0]
            found.setdefault((match.group(1), match.group(2)), []).append(owner + "#" + match.group(3))
    return found


def reason(method, path):
    for want, prefix, text, exact in REASONS:
        if want is not None and want != method:
            continue
        if (exact and path == prefix) or (not exact and path.startswith(prefix)):
            return text
    sys.exit("no @Endpoint and no reason for %s %s: cover it or add a reason to REASONS" % (method, path))


def main():
    spec = yaml.safe_load(open(sys.argv[1]))
    code = annotated()
    rows = []
    for path, operations in spec["paths"].items():
        for method in ("get", "head", "post", "put", "patch", "delete"):
            if method not in operations:
                continue
            key = (method.upper(), path)
            if key in code:
                rows.append((key[0], path, "covered", ", ".join(sorted(set(code[key])))))
            else:
                rows.append((key[0], path, reason(*key), ""))
    covered = sum(1 for row in rows if row[2] == "covered")
    print('# API coverage')
    print()
    print('Every path and method of the Incus REST API specification (Incus 7.3, `doc/rest-api.yaml`), one row')
    print('each, with the `?recursion=1`, `?recursion=2` and `?public` variants the specification lists as')
    print('separate paths. **%d of %d** are covered.' % (covered, len(rows)))
    print()
    print('- `covered`: the client methods named call it, and each carries `@Endpoint(method, path)` for it;')
    print('  `CoverageTableTest` fails when this table and the annotations of the API package disagree in')
    print('  either direction, or when a covered row names a method that does not exist. Convenience methods')
    print("  that only reshape another method's answer (`get` over `getWithEtag`, `start` over `changeState`)")
    print('  are not named, nor are the operation waits a method does along the way.')
    print('- `unsupported: <reason>`: what a row not in the client would say (none is, now): why it is left')
    print('  out. `IncusClient.http()` sends any request meanwhile.')
    print('- Endpoints that need an API extension the server may lack (for example address sets,')
    print('  `network_address_set`, not in Incus 6.0) check it first and fail with')
    print('  `IncusUnsupportedException` naming it.')
    print()
    print('The official Go client\'s methods (`GetStoragePoolVolume`, ...) are mapped to this client\'s in')
    print('[GO-CLIENT.md](GO-CLIENT.md).')
    print()
    print('Regenerate with `scripts/generate-coverage.py <rest-api.yaml> > docs/COVERAGE.md`.')
    print()
    print("| Method | Path | Status | Client method |")
    print("|---|---|---|---|")
    for row in rows:
        print("| %s | `%s` | %s | %s |" % (row[0], row[1], row[2], ("`" + row[3] + "`") if row[3] else ""))


if __name__ == "__main__":
    main()
