#!/usr/bin/env python3
"""Regenerates docs/GO-CLIENT.md: the official Go client's methods mapped to this client's.

Usage: scripts/generate-go-mapping.py PATH/TO/lxc-incus [REF] > docs/GO-CLIENT.md

PATH is a clone of github.com/lxc/incus (a bare git directory or a checkout); REF is the commit,
tag or branch to read (default HEAD). Nothing of the Go source is copied: the script reads the
methods of client/interfaces.go, finds the REST call of each in client/incus_*.go (the first
argument of r.query/queryStruct/queryOperation, http.NewRequest or rawConn, following the
variables the path is built in and the r.Method calls a method delegates to), and looks that call
up in the @Endpoint annotations of incus-client's API package. How an API class is reached
(incus.storagePools().volumes(pool)...) is read from the public methods that return an API class.
A Go method that makes no REST call of its own, or whose call has no annotated counterpart, takes
its line from MANUAL, which says what this client has instead or why it has nothing.
"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
API = ROOT / "incus-client/src/main/java/io/github/incus4j/client"

# Go methods without a REST call of their own, or whose counterpart is not an annotated method.
MANUAL = {
    # Calls the specification has no path for
    "GetStoragePoolVolumesFull": "none: full volumes are read per type, the path the specification lists: "
                                 "`storagePools().volumes(pool).listFull(type)`",
    "GetStoragePoolVolumesFullWithFilter": "none: full volumes are read per type, the path the specification "
                                           "lists: `storagePools().volumes(pool).listFull(type, ListOptions.filter(f))`",
    "GetStoragePoolVolumesFullAllProjects": "none: full volumes are read per type, the path the specification "
                                            "lists: `storagePools().volumes(pool).listFull(type, options)`",
    "GetStoragePoolVolumesFullWithFilterAllProjects": "none: full volumes are read per type, the path the "
                                                      "specification lists: `storagePools().volumes(pool)"
                                                      ".listFull(type, options)`",
    # Server (connection) and client scoping
    "GetConnectionInfo": "`endpoint()`, `currentProject()`, `currentTarget()`",
    "GetHTTPClient": "none: the HTTP layer stays inside the client (`IncusClientBuilder.webClientBuilder` customises it)",
    "DoHTTP": "none: the HTTP layer stays inside the client",
    "Disconnect": "`close()`",
    "HasExtension": "`extensions().has(extension)`",
    "RequireAuthenticated": "none: the client never retries as an untrusted client",
    "IsClustered": "`cluster().isClustered()`",
    "UseTarget": "`target(member)`",
    "UseProject": "`project(name)`",
    "ApplyServerPreseed": "none: a preseed is several calls the Go client makes one by one; make them with the areas' methods",
    "GetImageFile": "`images().export(fingerprint, directory)` (streamed to files, checked against the fingerprint)",
    "GetPrivateImageFile": "`images().export(fingerprint, directory, secret)`",
    "GetImageAliasArchitectures": "none: a client-side grouping of `images().aliases()` by image architecture",
    "GetImageAliasType": "none: a client-side check of `images()` alias and image type",
    # Operations handles (the Operation and RemoteOperation interfaces)
    "Operation.AddHandler": "`await(timeout, cancelOnTimeout, progressInterval, progress)` or `events()`",
    "Operation.Cancel": "`OperationHandle.cancel()`",
    "Operation.Get": "`OperationHandle.lastSeen()`",
    "Operation.GetWebsocket": "none: the exec and console classes open an operation's websockets themselves",
    "Operation.RemoveHandler": "none: dispose of the subscription",
    "Operation.Refresh": "`OperationHandle.refresh()`",
    "Operation.Wait": "`OperationHandle.await(timeout)`",
    "Operation.WaitContext": "`OperationHandle.await(timeout)`",
    "RemoteOperation.AddHandler": "none: operations that span two servers are not made by this client",
    "RemoteOperation.CancelTarget": "none: operations that span two servers are not made by this client",
    "RemoteOperation.GetTarget": "none: operations that span two servers are not made by this client",
    "RemoteOperation.Wait": "none: operations that span two servers are not made by this client",
    # Copies and migrations between two servers (the Go client drives both ends)
    "MigrateInstance": "none: moving an instance to another server or member (`migration: true`) is not made by "
                       "this client; `instances().rename(name, newName)` renames",
    "DeleteProjectForce": "none: `projects().delete(name)` deletes an empty project only; the forced delete "
                          "(`?force=1`, everything in it) is not in this client",
    "MigrateInstanceSnapshot": "none: moving a snapshot to another server (`migration: true`) is not made by this "
                               "client",
    "CreateInstanceFromImage": "`instances().create(...)` with the image source (the daemon fetches it)",
    "CopyInstance": "none: a copy between two servers (the Go client drives both ends)",
    "CopyInstanceSnapshot": "none: a copy between two servers (the Go client drives both ends)",
    "RebuildInstanceFromImage": "`instances().rebuild(...)` with the image source",
    "CopyImage": "`images().create(ImagesPost...)` (copy from another server)",
    "CopyStoragePoolVolume": "`storagePools().volumes(pool).create(StorageVolumesPost.copyOf(...))` on one server; none between two",
    "MoveStoragePoolVolume": "none: moving a volume to another pool or project (a `POST` with `pool` or `project`) "
                             "is not in this client; `storagePools().volumes(pool).rename(name, newName)` renames "
                             "within the pool",
    "CreateStoragePoolVolumeFromMigration": "none: a migration between two servers (the Go client drives both ends)",
    "DeletePendingClusterMember": "none: removing a member that is still joining (`?pending=1`) is not in this client",
    "MigrateStoragePoolVolume": "none: a migration between two servers (the Go client drives both ends)",
    "CopyStoragePoolBucket": "none: a copy between two servers (the Go client drives both ends)",
    "ConsoleInstanceDynamic": "`instances().console(...)` (a `ConsoleSession`)",
    "GetInstanceFileSFTP": "`instances().connections(name).sftp()` gives the raw SFTP stream; no SFTP library is bundled",
    "GetStoragePoolVolumeFileSFTP": "`storagePools().volumes(pool).connections(type, volume).sftp()` gives the raw SFTP stream",
    # Events
    "GetEvents": "`events()`",
    "GetEventsByType": "`events()` with an `EventFilter`",
    "GetEventsAllProjects": "`events()` in all projects",
    "GetEventsAllProjectsByType": "`events()` in all projects with an `EventFilter`",
    "SendEvent": "none: sending events is for cluster members",
    # Cluster join tokens are token operations
    "GetClusterMemberJoinTokens": "`operations()` of class `token` (the daemon keeps join tokens as operations)",
    "GetClusterMemberJoinToken": "`operations()` of class `token` (the daemon keeps join tokens as operations)",
    "DeleteClusterMemberJoinToken": "cancel the token's `OperationHandle` (`cancel()`)",
    # Internal
    "RawQuery": "none: for internal use",
    "RawWebsocket": "none: for internal use",
    "RawOperation": "none: for internal use",
    "GetOperationWebsocket": "none: the exec and console classes open an operation's websockets themselves",
}

HTTP_METHOD = r'"(GET|POST|PUT|PATCH|DELETE|HEAD)"|http\.Method(Get|Post|Put|Patch|Delete|Head)'
CALL = re.compile(r'r\.(?:queryStruct|queryOperation|query|rawQuery)\(\s*(?:' + HTTP_METHOD + r')\s*,\s*')
NEW_REQUEST = re.compile(r'http\.NewRequest(?:WithContext)?\((?:[^,]+,\s*)?(?:' + HTTP_METHOD + r')\s*,\s*')
RAW_CONN = re.compile(r'r\.rawConn\(\s*(?:' + HTTP_METHOD + r')\s*,\s*')


# ---------------------------------------------------------------- reading the Go source

def git(repo, *args):
    """Runs git on a bare clone or a checkout."""
    repo = pathlib.Path(repo)
    git_dir = repo / ".git" if (repo / ".git").exists() else repo
    return subprocess.run(["git", "--git-dir", str(git_dir)] + list(args), check=True, capture_output=True,
                          text=True).stdout


def git_show(repo, ref, path):
    return git(repo, "show", "%s:%s" % (ref, path))


def go_files(repo, ref):
    names = git(repo, "ls-tree", "--name-only", ref, "client/").split()
    return [name for name in names if re.match(r"client/incus(_\w+)?\.go$", name)]


def describe(repo, ref):
    return git(repo, "describe", "--tags", "--always", ref).strip(), git(repo, "rev-parse", ref).strip()


def interfaces(source):
    """(interface, section, method) in the order of interfaces.go."""
    found = []
    for block in re.finditer(r'type (\w+) interface \{\n(.*?)\n\}', source, re.S):
        section = ""
        for line in block.group(2).splitlines():
            line = line.strip()
            comment = re.match(r'// (.*)', line)
            if comment:
                section = comment.group(1)
                continue
            method = re.match(r'([A-Z]\w*)\(', line)
            if method:
                found.append((block.group(1), section, method.group(1)))
    return found


def function_bodies(source):
    """Name -> body of every method of *ProtocolIncus."""
    bodies = {}
    for match in re.finditer(r'^func \(r \*ProtocolIncus\) (\w+)\(.*?\{\n', source, re.M | re.S):
        depth, i = 1, match.end()
        while depth and i < len(source):
            if source[i] == '{':
                depth += 1
            elif source[i] == '}':
                depth -= 1
            i += 1
        bodies[match.group(1)] = source[match.end():i - 1]
    return bodies


def outside_strings(text, start=0):
    """(index, character, bracket depth) of every character outside Go string literals; a closing
    bracket is given the depth it closes to."""
    depth, in_string, i = 0, False, start
    while i < len(text):
        ch = text[i]
        if in_string:
            if ch == '\\':
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        else:
            if ch in ')]}':
                depth -= 1
            yield i, ch, depth
            if ch in '([{':
                depth += 1
        i += 1


def argument(text, start):
    """The argument that starts at text[start], up to the next top-level comma or parenthesis."""
    while start < len(text) and text[start] in ' \t\n':
        start += 1
    end = len(text)
    for i, ch, depth in outside_strings(text, start):
        if depth < 0 or (ch == ',' and depth == 0):
            end = i
            break
        if ch == '\n' and depth == 0 and text[start:i].rstrip()[-1:] not in ('.', '+', ',', '(', '|', '&'):
            end = i  # the end of a Go statement
            break
    return text[start:end].strip()


def arguments(text):
    """The top-level arguments of a call's argument text."""
    return [arg.strip() for arg in split_top(text, ',') if arg.strip()]


class PathResolver:
    """Turns the Go expression of a request URL into a path template with {} for values."""

    def __init__(self, body):
        self.body = body

    def assignment(self, name, before):
        matches = list(re.finditer(r'(?:^|\n)\s*(?:var\s+)?' + re.escape(name) + r'(?:\s*,\s*\w+)*\s*:?=\s*',
                                   self.body[:before]))
        if not matches:
            return None
        # The expression, and where its statement starts: what it refers to was assigned before that.
        return argument(self.body, matches[-1].end()), matches[-1].start()

    def query_values(self, name, before):
        query = []
        for match in re.finditer(re.escape(name) + r'\.(?:Set|Add)\("([\w-]+)",\s*"([^"]*)"\)', self.body[:before]):
            line_start = self.body.rfind('\n', 0, match.start())
            indent = len(self.body[line_start + 1:match.start()]) - len(self.body[line_start + 1:match.start()].lstrip())
            if indent <= 1:  # set unconditionally, at the top level of the function
                query.append((match.group(1), match.group(2)))
        return query

    def resolve(self, expr, before, depth=0):
        expr = expr.strip()
        if depth > 8:
            return "{}"
        if expr.startswith('&'):
            return self.resolve(expr[1:], before, depth + 1)
        literal = re.fullmatch(r'"([^"]*)"', expr)
        if literal:
            return literal.group(1)
        if expr in ('r.httpBaseURL.String()',):
            return ""
        sprintf = re.fullmatch(r'fmt\.Sprintf\((.*)\)', expr, re.S)
        if sprintf:
            args = arguments(sprintf.group(1))
            template, values = args[0].strip('"'), args[1:]
            out, k = "", 0
            for piece in re.split(r'(%[sdv])', template):
                if re.fullmatch(r'%[sdv]', piece):
                    value = values[k] if k < len(values) else ""
                    k += 1
                    out += self.value(value, before, depth)
                else:
                    out += piece
            return out
        encode = re.fullmatch(r'urlEncode\((.*)\)', expr, re.S)
        if encode:
            args = arguments(encode.group(1))
            keys = re.findall(r'"([\w-]+)":', args[1]) if len(args) > 1 else []
            return self.resolve(args[0], before, depth + 1) + "".join("?%s={}" % k for k in keys[:1])
        attributes = re.fullmatch(r'(?:r\.setQueryAttributes|setQueryParam)\((.*)\)', expr, re.S)
        if attributes:
            return self.resolve(arguments(attributes.group(1))[0], before, depth + 1)
        if expr.startswith("api.NewURL()"):
            path = ""
            for call, raw in re.findall(r'\.\s*(Path|WithQuery)\(((?:[^()]|\([^()]*\))*)\)', expr):
                args = arguments(raw)
                if call == "Path":
                    path += "".join("/" + (a.strip('"') if a.startswith('"') else "{}") for a in args)
                else:
                    path += ("&" if "?" in path else "?") + args[0].strip('"') + "=" + (
                        args[1].strip('"') if args[1].startswith('"') else "{}")
            return path
        concat = [part.strip() for part in split_top(expr, '+')]
        if len(concat) > 1:
            return "".join(self.resolve(part, before, depth + 1) for part in concat)
        variable = re.fullmatch(r'(\w+)(?:\.URL|\.String\(\))?', expr)
        if variable:
            name = variable.group(1)
            found = self.assignment(name, before)
            if found is None:
                return "{}"
            if "instanceTypeToPath" in found[0]:
                return "/instances"
            if found[0] == "api.NewURL()":  # built by later statements: u.Path(...), u.WithQuery(...)
                later = re.findall(r'\n\s*' + re.escape(name) + r'(\.(?:Path|WithQuery)\((?:[^()]|\([^()]*\))*\))',
                                   self.body[found[1]:before])
                found = (found[0] + "".join(later), found[1])
            value = self.resolve(found[0], found[1], depth + 1)
            for key, val in self.query_values(name, before):
                if key + "=" not in value:
                    value += ("&" if "?" in value else "?") + key + "=" + val
            return value
        return "{}"

    def value(self, expr, before, depth):
        expr = expr.strip()
        if re.fullmatch(r'url\.(?:Path|Query)Escape\(.*\)', expr) or re.fullmatch(r'\w+\.\w+', expr):
            return "{}"
        if expr.endswith(".Encode()"):
            name = expr[:-len(".Encode()")]
            pairs = self.query_values(name, before)
            return "&".join("%s=%s" % pair for pair in pairs)
        resolved = self.resolve(expr, before, depth + 1)
        return resolved


def split_top(expr, separator):
    """Splits at the separators outside strings and brackets."""
    parts, start = [], 0
    for i, ch, depth in outside_strings(expr):
        if ch == separator and depth == 0:
            parts.append(expr[start:i])
            start = i + 1
    parts.append(expr[start:])
    return parts


def endpoints(name, bodies, seen=None):
    """The (method, path) REST calls of a Go method, following the methods it delegates to."""
    seen = seen or set()
    if name in seen or name not in bodies:
        return []
    seen.add(name)
    body = bodies[name]
    found = []
    for pattern in (CALL, NEW_REQUEST, RAW_CONN):
        for match in pattern.finditer(body):
            method = (match.group(1) or match.group(2)).upper()
            expr = argument(body, match.end())
            path = PathResolver(body).resolve(expr, match.start())
            found.append((match.start(), method, normalise_go(path)))
    if found:
        return [(method, path) for _, method, path in sorted(found)]
    for callee in re.findall(r'\br\.(\w+)\(', body):
        result = endpoints(callee, bodies, seen)
        if result:
            return result
    return []


def normalise_go(path):
    path = re.sub(r'^/1\.0', '', path)
    path = "/1.0" + path
    path = path.replace("/containers", "/instances")
    base, _, query = path.partition("?")
    base = re.sub(r'\{\}|%s', '{}', base).rstrip("/") or "/"
    flags = []
    for pair in [p for p in query.split("&") if p]:
        key, _, value = pair.partition("=")
        if key == "recursion" and value in ("1", "2"):
            flags.append("recursion=" + value)
        elif key == "public":
            flags.append("public")
    return base + ("?" + "&".join(flags) if flags else "")


# ---------------------------------------------------------------- reading this client

def java_api():
    """@Endpoint (method, path) -> [(class, method, params)], and class -> (accessor chain, params)."""
    annotated, methods, accessors = {}, {}, {}
    for source in sorted(API.glob("*.java")):
        text = source.read_text()
        klass = source.stem
        for match in re.finditer(r'((?:\s*@Endpoint\([^)]*\)\s*)*)\s*public\s+(?:static\s+)?([\w<>?,\s\[\]]+?)\s+(\w+)\(([^)]*)\)',
                                 text):
            annotations, returns, name, params = match.groups()
            declared = [p.strip() for p in top_level_split(re.sub(r'@\w+\s+', '', params)) if p.strip()]
            params = [p.split()[-1] for p in declared]
            types = [p.rsplit(None, 1)[0] for p in declared]
            methods.setdefault(klass, []).append((name, params, types))
            for method, path in re.findall(r'@Endpoint\(method\s*=\s*"(\w+)",\s*path\s*=\s*"([^"]+)"\)', annotations):
                annotated.setdefault((method, normalise_java(path)), []).append((klass, name, params, types))
            ret = returns.strip().split()[-1]
            if ret.endswith("Api") and (API / (ret + ".java")).exists():
                accessors.setdefault(ret, []).append((klass, name, params))
    return annotated, methods, accessors


def top_level_split(text):
    """Splits Java parameters at the commas outside generic brackets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == '<':
            depth += 1
        elif ch == '>':
            depth -= 1
        elif ch == ',' and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def normalise_java(path):
    base, _, query = path.partition("?")
    return re.sub(r'\{\w+\}', '{}', base) + ("?" + query if query else "")


def lookup(call, annotated):
    """Our methods for a Go call: the same path, or one whose placeholder stands where Go has a literal
    (Go writes volumes/custom, the specification volumes/{type}); an item's recursion flag aside."""
    if call in annotated:
        return annotated[call]
    method, path = call
    base, _, flags = path.partition("?")
    segments = base.split("/")
    for (our_method, our_path), candidates in annotated.items():
        our_base, _, our_flags = our_path.partition("?")
        ours = our_base.split("/")
        if our_method != method or len(ours) != len(segments):
            continue
        item = segments[-1] == "{}"
        if our_flags != flags and not (item and not our_flags):
            continue
        if all(a == b or b == "{}" for a, b in zip(segments, ours)):
            return candidates
    return []


def chain(klass, accessors, seen=()):
    """How users reach an API class from an IncusClient, such as storagePools().volumes(pool)."""
    if klass == "IncusClient":
        return ""
    best = None
    for owner, name, params in accessors.get(klass, []):
        if owner in seen:
            continue
        prefix = chain(owner, accessors, seen + (klass,))
        if prefix is None:
            continue
        candidate = (prefix + "." if prefix else "") + "%s(%s)" % (name, ", ".join(params))
        if best is None or len(candidate) < len(best):
            best = candidate
    return best


# Go methods whose endpoint several of our methods share, and the one that does what the Go method does.
PREFER = {
    "CreateCertificate": "add",
}

# Go words that our method names spell otherwise.
SYNONYMS = {"stream": "direct", "from": "import", "iso": "import", "logfiles": "names", "uuids": "ids"}


def stem(word):
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


VERBS = {
    "get": ("get", "list", "read", "state", "export", "download", "stat", "log", "resources", "leases",
            "console", "access", "metrics", "fingerprints", "api", "secret", "memory", "aliases"),
    "create": ("create", "write", "upload", "import", "add", "publish", "trust", "push", "token", "direct"),
    "update": ("update", "change", "restore", "refresh", "repair", "put"),
    "rename": ("rename",),
    "delete": ("delete", "remove", "clear"),
}


def words(name):
    return [w.lower() for w in re.findall(r'[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+', name)]


def pick(go_name, candidates, path):
    """The candidates whose name fits the Go method's best."""
    go_words = {stem(w) for w in words(go_name)} | {SYNONYMS.get(w, w) for w in words(go_name)}
    verb = next((v for v in VERBS if go_name.lower().startswith(v)), None)
    made_from = "From" in go_name  # CreateXFromBackup, CreateXFromISO: an import

    def score(candidate):
        if PREFER.get(go_name) == candidate[1]:
            return 1000
        ours = words(candidate[1])
        value = len(go_words & {stem(w) for w in ours}) * 2
        if verb and any(ours[0].startswith(v) for v in VERBS[verb]):
            value += 3
        if verb and ours[0] == verb and not made_from:
            value += 2
        if go_name.endswith("Names") and candidate[1] == "listNames":
            value += 5
        if verb == "get":
            value += 2 if (ours[0] == "list") == go_name.endswith("s") else 0
        if "direct" in ours and "Stream" not in go_name:
            value -= 5  # a backup streamed back, not the one the daemon stores
        if path.split("?")[0].endswith("/files") and verb and any(ours[0].startswith(v) for v in VERBS[verb]):
            value = 100  # a files endpoint: every way of reading (or writing) a file is the counterpart
        return value

    if "Stream" in go_name and not any("direct" in words(c[1]) for c in candidates):
        return []  # the Go method asks for the backup as a stream, which only a createDirect gives
    best = max(score(c) for c in candidates)
    chosen, names = [], set()
    for candidate in candidates:
        if score(candidate) == best and candidate[1] not in names:
            chosen.append(candidate)
            names.add(candidate[1])
    return chosen


def render(go_name, candidate, methods, accessors):
    klass, name, params, types = candidate
    via = chain(klass, accessors)
    owner = via + "." if via else klass + "."
    if via is None:
        owner = klass + "."
    shown = list(params)
    if types and types[-1] == "ListOptions":
        if "AllProjects" in go_name and "Filter" in go_name:
            shown[-1] = "ListOptions.filter(f).inAllProjects()"
        elif "AllProjects" in go_name:
            shown[-1] = "ListOptions.allProjectsOptions()"
        elif "Filter" in go_name:
            shown[-1] = "ListOptions.filter(f)"
        elif any(n == name and len(p) == len(params) - 1 for n, p, _ in methods.get(klass, [])):
            shown = shown[:-1]
        else:
            shown[-1] = "ListOptions.NONE"
    if name.endswith("WithEtag"):
        plain = name[:-len("WithEtag")]
        if any(n == plain and p == params for n, p, _ in methods.get(klass, [])):
            name = plain
    return "`%s%s(%s)`" % (owner, name, ", ".join(shown))


def shorten(rendered):
    """`a().b(x).read(p)`, `.download(p, t)`: the way in is written once for calls on the same class."""
    out, previous = [], None
    for text in rendered:
        call = text.strip("`")
        way, _, method = call.rpartition(").")
        way = way + ")" if way else ""
        if way and way == previous:
            out.append("`." + method + "`")
        else:
            out.append(text)
        previous = way
    return ", ".join(out)


# ---------------------------------------------------------------- the table

def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    repo, ref = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "HEAD"
    declared = interfaces(git_show(repo, ref, "client/interfaces.go"))
    bodies = {}
    for name in go_files(repo, ref):
        bodies.update(function_bodies(git_show(repo, ref, name)))
    annotated, methods, accessors = java_api()
    version, commit = describe(repo, ref)

    rows, unmatched = [], 0
    for interface, section, name in declared:
        key = name if interface in ("Server", "ImageServer", "InstanceServer") else interface + "." + name
        calls = endpoints(name, bodies) if interface in ("Server", "ImageServer", "InstanceServer") else []
        rest = ", ".join("%s `%s`" % call for call in dict.fromkeys(calls))
        ours = MANUAL.get(key)
        if ours is None:
            found = []
            for call in dict.fromkeys(calls):
                candidates = lookup(call, annotated)
                if candidates:
                    found += [render(name, c, methods, accessors) for c in pick(name, candidates, call[1])]
            ours = shorten(list(dict.fromkeys(found)))
            if not ours and "Stream" in name and calls:
                ours = "none: this client has no backup streamed straight back (`direct_backup`) for it"
        if not ours:
            unmatched += 1
            ours = ("none: the client makes no such call" if calls
                    else "none: the Go method makes no REST call this script can read")
        rows.append((interface, section, name, rest, ours))

    print("# The official Go client, mapped")
    print()
    print("Every method of the official Go client's interfaces (`client/interfaces.go` of")
    print("[lxc/incus](https://github.com/lxc/incus) at `%s`, commit `%s`), the REST call it makes," % (version,
                                                                                                   commit[:12]))
    print("and what this client calls for it, written the way a user reaches it from an `IncusClient incus`")
    print("(`incus.` left out). The Go client names the parent first (`GetStoragePoolVolumeSnapshot(pool,")
    print("type, volume, name)`); here the parent is the way in (`storagePools().volumes(pool).snapshots(type,")
    print("volume).get(name)`). Reads that return an ETag in Go map to `get(...)`, whose `getWithEtag(...)`")
    print("twin returns the ETag too. \"none\" says why this client has no counterpart. A call that needs an")
    print("API extension the server lacks (Incus 6.0 lacks several) fails with `IncusUnsupportedException`")
    print("before anything is sent, as [COVERAGE.md](COVERAGE.md) says.")
    print()
    print("Regenerate with `scripts/generate-go-mapping.py <clone of lxc/incus> [ref] > docs/GO-CLIENT.md`;")
    print("it reads the Go source and this client's `@Endpoint` annotations. **%d of %d** Go methods have a"
          % (sum(1 for row in rows if not row[4].startswith("none")), len(rows)))
    print("counterpart.")
    current = None
    for interface, section, name, rest, ours in rows:
        heading = interface + (": " + section if section else "")
        if heading != current:
            current = heading
            print()
            print("## " + heading)
            print()
            print("| Go method | REST call | incus-spring |")
            print("|---|---|---|")
        print("| `%s` | %s | %s |" % (name, rest, ours))
    if unmatched:
        print("%d Go methods have no counterpart the script could find; add them to MANUAL" % unmatched,
              file=sys.stderr)


if __name__ == "__main__":
    main()
