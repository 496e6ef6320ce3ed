"""The Recommended Skills value parser and the built-in skill alias table.

Data flow: the parser hands a skills value to :func:`parse_skills` (re-exported by
:mod:`.normalize`); it returns :class:`~.model.Skill` records for the skills index and
the value as text for the idea's page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType

from ._sanitize import redact_addresses
from ._text import (
    LINK,
    QUALIFIER,
    Text,
    is_placeholder,
    split_top,
    squash,
    value_items,
    word_set,
)
from .model import Diagnostic, Skill

# One canonical name per line, then its aliases (lower case). A leading "~" marks a broad
# concept ("Testing", "Security"): a skill when listed, but never picked out of prose,
# where such words are ordinary English.
_ALIAS_TABLE = """
Go: go, golang, go lang, go-lang, golang programming
Rust: rust, rustlang, rust lang, rust-lang
Python: python, python3, python 3, python2, py
JavaScript: javascript, js, java script, ecmascript, es6, vanilla js
TypeScript: typescript, ts, type script
Java: java
Kotlin: kotlin
Scala: scala
C: c, ansi c, c language, c programming
C++: c++, cpp, cplusplus, c plus plus
C#: c#, csharp, c sharp
Ruby: ruby
Ruby on Rails: rails, ruby on rails, ror
PHP: php
Erlang: erlang
Elixir: elixir
Clojure: clojure
Haskell: haskell
OCaml: ocaml
Lua: lua
Perl: perl
R: r, r language, rlang
Julia: julia
Dart: dart
Swift: swift
Zig: zig
Solidity: solidity
WebAssembly: webassembly, wasm, web assembly
eBPF: ebpf, bpf
Shell scripting: shell, shell scripting, shell script, shell scripts, scripting in shell
Bash: bash, bash scripting
PowerShell: powershell
Linux: linux, gnu/linux, linux kernel
Docker: docker, dockerfile, dockerfiles
~Containers: containers, container, containerization, linux containers, oci
Kubernetes: kubernetes, k8s, kube
Helm: helm, helm charts
Kubernetes operators: kubernetes operators, operators, operator sdk, kubebuilder
Prometheus: prometheus, promql
Grafana: grafana
OpenTelemetry: opentelemetry, otel, open telemetry
Jaeger: jaeger
Envoy: envoy, envoy proxy
Istio: istio
gRPC: grpc
Protocol Buffers: protocol buffers, protobuf, protobufs
REST: rest, rest api, rest apis, restful, restful api, restful apis
GraphQL: graphql
~HTTP: http, http/2
~CI: ci, continuous integration
~CI/CD: ci/cd, cicd, ci cd
GitHub Actions: github actions, gh actions
Git: git
GitHub: github
GitLab: gitlab
Jenkins: jenkins
Tekton: tekton
Terraform: terraform
Ansible: ansible
AWS: aws, amazon web services
Google Cloud: gcp, google cloud, google cloud platform
Azure: azure, microsoft azure
~SQL: sql
PostgreSQL: postgresql, postgres
MySQL: mysql
SQLite: sqlite
MongoDB: mongodb, mongo
Redis: redis
etcd: etcd
Kafka: kafka, apache kafka
Elasticsearch: elasticsearch, elastic search
React: react, reactjs, react.js
Vue.js: vue, vuejs, vue.js
Angular: angular, angularjs
Node.js: node.js, nodejs, node
CSS: css, css3
HTML: html, html5
Sass: sass, scss
YAML: yaml
JSON: json
Markdown: markdown
~CLI: cli, command line, command-line, command line interface, command-line interface
OpenAPI: openapi, swagger
Syslog: syslog
TensorFlow: tensorflow
PyTorch: pytorch
~Machine learning: machine learning, ml
~Deep learning: deep learning, dl
~Distributed systems: distributed systems, distributed computing
~Networking: networking, computer networking, networks
~Security: security, information security, infosec, cybersecurity
~Cryptography: cryptography
~Testing: testing, test, tests, software testing
~End-to-end testing: end-to-end testing, e2e, e2e testing, e2e tests
~Unit testing: unit testing, unit tests
~Integration testing: integration testing, integration tests
~Property-based testing: property-based testing, property based testing, property testing
~Fuzzing: fuzzing, fuzz testing
~Performance testing: performance testing, load testing, benchmarking
~Documentation: documentation, docs
~Technical writing: technical writing
~UX: ux, user experience, ux design
~UI: ui, user interface, ui design
~User research: user research, ux research
~Microservices: microservices, micro services, microservice architecture
~Observability: observability, o11y
~Monitoring: monitoring
~Distributed tracing: distributed tracing, tracing
~Cloud native: cloud native, cloud-native
~Service mesh: service mesh, service meshes
~Chaos engineering: chaos engineering
~Databases: databases, database
~DevOps: devops
~SRE: sre, site reliability engineering
~English: english, written english
~Git workflow: git workflow, github workflow
LaTeX: latex
Android: android
iOS: ios
Flutter: flutter
LLVM: llvm
Lisp: lisp, common lisp
Scheme: scheme
Racket: racket
Fortran: fortran
MATLAB: matlab
Verilog: verilog, systemverilog
VHDL: vhdl
~FPGA: fpga, fpgas
Arduino: arduino
Raspberry Pi: raspberry pi, rpi
Django: django
Flask: flask
FastAPI: fastapi
Spring: spring, spring boot
.NET: .net, dotnet, .net core
Express: express, express.js, expressjs
Next.js: next.js, nextjs
Svelte: svelte, sveltekit
React Native: react native
Electron: electron, electron.js
Redux: redux
jQuery: jquery
Bootstrap: bootstrap
Tailwind CSS: tailwind, tailwind css, tailwindcss
D3.js: d3, d3.js
Three.js: three.js, threejs
WebRTC: webrtc
WebGL: webgl
Qt: qt, qml
GTK: gtk, gtk+
Unity: unity, unity3d
Godot: godot
CMake: cmake
Bazel: bazel
Nix: nix, nixos
NumPy: numpy
pandas: pandas
Jupyter: jupyter, jupyter notebooks, jupyterlab
OpenCV: opencv
scikit-learn: scikit-learn, sklearn
Apache Spark: apache spark, spark, pyspark
Hadoop: hadoop, apache hadoop
Airflow: airflow, apache airflow
Cassandra: cassandra, apache cassandra
ClickHouse: clickhouse
RabbitMQ: rabbitmq
NATS: nats
Selenium: selenium
Cypress: cypress
Jest: jest
pytest: pytest
JUnit: junit
Figma: figma
~Computer vision: computer vision
~NLP: nlp, natural language processing
~Data science: data science
~Data visualization: data visualization, data visualisation
~Statistics: statistics, stats
~Mathematics: mathematics, maths, math
~Algorithms: algorithms, data structures and algorithms, dsa
~Data structures: data structures
~Operating systems: operating systems, os internals
~Compilers: compilers, compiler design
~Embedded systems: embedded systems, embedded, embedded programming
~Blockchain: blockchain
~Web development: web development, web dev
~Frontend development: frontend, front-end, front end, frontend development
~Backend development: backend, back-end, back end, backend development
~API design: api design
~Concurrency: concurrency, multi-threading, multithreading, concurrent programming
~Performance engineering: performance engineering, performance optimization, profiling
~Accessibility: accessibility, a11y
~Internationalization: internationalization, i18n, localization, l10n
~Design thinking: design thinking
~Open source: open source, open-source, open source contribution
"""


def _read_alias_table(table: str) -> tuple[dict[str, str], frozenset[str]]:
    aliases: dict[str, str] = {}
    concepts: set[str] = set()
    for row in table.strip().splitlines():
        name, _, keys = row.partition(":")
        if name.startswith("~"):
            name = name[1:]
            concepts.add(name)
        for key in [name, *keys.split(",")]:
            aliases.setdefault(_skill_key(key), name)
    return aliases, frozenset(concepts)


def _skill_key(text: str) -> str:
    # Only a trailing "." is punctuation: the leading one of ".NET" is part of the name.
    return squash(text).casefold().strip(" :;").rstrip(".")


_BUILTIN_NAMES, _CONCEPTS = _read_alias_table(_ALIAS_TABLE)
#: Lower-cased alias -> canonical skill name. Read-only: results are memoised, so users
#: extend it through the ``aliases`` arguments (the ``ideas_skill_aliases`` option).
BUILTIN_SKILL_ALIASES: Mapping[str, str] = MappingProxyType(_BUILTIN_NAMES)

# English words that are also skill names: inside prose they count only when capitalised.
_ENGLISH_WORDS = frozenset(
    {
        "go",
        "rust",
        "swift",
        "ruby",
        "react",
        "helm",
        "dart",
        "julia",
        "node",
        "rest",
        "shell",
        "git",
        "envoy",
        "angular",
        "vue",
        "kube",
        "rails",
        "bash",
        "mongo",
        "scheme",
        "racket",
        "spring",
        "flask",
        "express",
        "electron",
        "bootstrap",
        "unity",
        "nix",
        "jest",
        "cypress",
        "spark",
        "selenium",
        "airflow",
        "pandas",
        "stats",
    }
)
_LEVEL_WORDS = re.compile(
    r"\b(?:basic|basics|beginner|beginners|novice|intermediate|advanced|expert|entry[- ]level|"
    r"junior|senior|proficient|fluent)\b",
    re.IGNORECASE,
)
_FILLER_PREFIX = re.compile(
    r"^(?P<conj>(?:and|or|plus|also|using|e|y|und|et|ou|e\.?g\.?|i\.?e\.?)\s+)?"
    r"(?:(?P<adj>basic|good|strong|solid|deep|advanced|intermediate|working|general|some|"
    r"prior|previous|practical|hands-on|a\s+bit\s+of|a\s+little)\s+"
    r"(?:to\s+(?:good|strong|solid|advanced|intermediate|expert)\s+)?)?"
    r"(?P<phrase>(?:understanding|knowledge|experience|familiarity|proficiency|expertise|"
    r"skills?|background|exposure)\s+(?:of|with|in|on|using)\s+(?:the\s+)?|"
    r"(?:familiar|comfortable|experienced|proficient)\s+with\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
# Adjectives that are filler on their own ("some Go"), not part of a name ("Deep learning").
_FILLER_ADJECTIVES = frozenset(
    {"some", "basic", "advanced", "intermediate", "a bit of", "a little"}
)
_PREPOSITION = re.compile(r"^(?:in|with|via|through|on)\s+", re.IGNORECASE)
_VARIANT_SUFFIX = re.compile(
    r"(?:\s+(?:programming(?:\s+language)?|language|lang|experience|skills?|knowledge|"
    r"development|coding|scripting|basics|fundamentals|ecosystem|proficiency|systems?|"
    r"tools?|tooling|frameworks?|concepts|stack))+$",
    re.IGNORECASE,
)
_VARIANT_PREFIX = re.compile(
    r"^(?:(?:programming|coding|development|scripting)\s+(?:in|with)\s+|the\s+|"
    r"(?:good|strong|solid|excellent|sound|working|decent|some|basic|advanced)\s+)",
    re.IGNORECASE,
)
_AREA_PREFIX = re.compile(r"^[^\W\d_][\w/&+.-]*(?:\s+[\w/&+.-]+){0,2}\s*:\s+(?=\S)")
_SKILL_SEPARATOR = re.compile(r"\s*[,;]\s*|(?<=[^\s.])\.\s+(?=[A-Z])")
_SUBSKILL_SEPARATOR = re.compile(
    # "e", "y", "und", "et", "ou": files written in other languages list skills too
    r"\s+(?:and|or|&|and/or|as well as|e|y|und|et|ou|oder)\s+|(?<=[\w+#)])\s*/\s*(?=[\w.(])",
    re.IGNORECASE,
)
# The lookbehind starts matches only at a word's start: linear time on long words.
_SLASH_COMPOUND = re.compile(r"(?<![^\s,/])[^\s,/]+(?:/[^\s,/]+)+")
_KEPT_SLASH = "\ue000"  # a private-use character: a "/" that must not split
_PROSE_WORDS = word_set(
    """though although ideally would could should we we'd we're you you'd your our us i
    consider considered interest interested willing willingness ability able eager any
    another other others etc e.g i.e such must need needs needed helpful is are be being
    have has will want wants not but if which who that this these those it its prefer
    preferably preferred bonus welcome nice useful learn familiarise familiarize
    understand understanding like please thanks thank more"""
)
_MAX_SKILL_WORDS = 5


@dataclass(frozen=True, slots=True)
class _Qualified:
    """A skill item with its parenthesised qualifiers taken out."""

    text: str
    level: str | None
    note: str | None


def canonical_skill(name: str, aliases: Mapping[str, str] | None = None) -> str:
    """The canonical name of a skill ("golang" -> "Go"); unknown names come back cleaned."""
    cleaned = _clean_skill_text(name)
    return _lookup_skill(cleaned, _skill_table(_alias_items(aliases)).names) or cleaned


def _alias_items(aliases: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(aliases.items())) if aliases else ()


_LEADING_DOTS = re.compile(r"^(?:\.{2,}|\.(?=[^\w]))\s*")


def _clean_skill_text(text: str) -> str:
    """Markup and surrounding punctuation off: ``**Go**.`` -> ``Go``."""
    text = LINK.sub(lambda m: m.group("text"), text)
    text = text.replace("**", "").replace("`", "").replace("__", "")
    # A leading "." belongs to the name (".NET"); a trailing one ends a sentence.
    text = squash(text).strip(" \t*_~:;,!?-–—'\"…").rstrip(".").rstrip()
    return _LEADING_DOTS.sub("", text)


def _lookup_skill(text: str, aliases: Mapping[str, str]) -> str | None:
    """Try the text, then spelling variants ("Rust Programming", "programming in Go")."""
    key = _skill_key(text)
    candidates = [key]
    for pattern in (_VARIANT_SUFFIX, _VARIANT_PREFIX):
        stripped = pattern.sub("", key).strip()
        if stripped and stripped != key:
            candidates.append(stripped)
    both = _VARIANT_PREFIX.sub("", _VARIANT_SUFFIX.sub("", key).strip()).strip()
    if both and both not in candidates:
        candidates.append(both)  # "Strong Go experience"
    for candidate in list(candidates):
        candidates += [
            candidate.replace("-", " "),
            candidate.replace(" ", ""),
            candidate.replace("-", ""),
        ]
    for candidate in candidates:
        if candidate in aliases:
            return aliases[candidate]
    return None


def parse_skills(
    value: str, *, line: int, aliases: Mapping[str, str] | None = None
) -> tuple[tuple[Skill, ...], str, tuple[Diagnostic, ...]]:
    """Skills of a Recommended Skills value, the value as text, and diagnostics.

    List items become skills; prose is kept only as text, from which the skill names the
    alias table knows are still indexed.
    """
    alias_items = _alias_items(aliases)
    skills: list[Skill] = []
    for item in value_items(value, line, join_continuations=True):
        for piece in split_top(item, _SKILL_SEPARATOR):
            skills.extend(_piece_skills_at(piece, alias_items))
    chips = (replace(skill, raw=_plain_chip(skill.raw)) for skill in skills)
    return _dedupe_skills(chips), _skills_text(value), ()


#: Emphasis and code marks around words ("**Go**", "`Rust`", "_Docker_").
_CHIP_MARKUP = re.compile(r"(?<!\w)[*_`]+|[*_`]+(?!\w)")


def _plain_chip(raw: str) -> str:
    """The text a skill chip shows: without Markdown marks and a sentence's full stop."""
    plain = _CHIP_MARKUP.sub("", raw).strip()
    return plain[:-1].rstrip() if plain.endswith(".") and not plain.endswith("..") else plain


def _piece_skills_at(piece: Text, alias_items: tuple[tuple[str, str], ...]) -> list[Skill]:
    """Skills of one list item; one-line items are remembered, as files repeat them a lot."""
    if len(piece.lines) > 1:
        return _skills_of_piece(piece, _skill_table(alias_items))
    line = piece.lines[0]
    return [replace(skill, line=line) for skill in _piece_skills(piece.text, alias_items)]


@lru_cache(maxsize=8192)
def _piece_skills(text: str, alias_items: tuple[tuple[str, str], ...]) -> tuple[Skill, ...]:
    return tuple(_skills_of_piece(Text(text, (0,), (0,)), _skill_table(alias_items)))


def _skills_text(value: str) -> str:
    lines = (squash(raw_line) for raw_line in value.split("\n"))
    return "\n".join(text for text in lines if text)


def _skills_of_piece(piece: Text, table: _SkillTable) -> list[Skill]:
    raw = squash(piece.text)
    if is_placeholder(raw) or redact_addresses(raw) != raw:
        return []  # "contact ann@example.org": no skill, and no address in objects.inv
    # "Rust (the bot) or Haskell (the updater)": each alternative keeps its own note
    parts = split_top(piece, _SUBSKILL_SEPARATOR)
    if len(parts) > 1 and sum(bool(QUALIFIER.search(part.text)) for part in parts) >= 2:
        return [skill for part in parts for skill in _skills_of_piece(part, table)]
    qualified = _take_qualifiers(raw)
    return [*_main_skills(piece, raw, qualified, table), *_example_skills(piece, qualified, table)]


def _main_skills(piece: Text, raw: str, qualified: _Qualified, table: _SkillTable) -> list[Skill]:
    # "Backend: Strong Go experience": the area before the colon sorts, it is no skill.
    text, prefix_level = _strip_filler(_AREA_PREFIX.sub("", qualified.text))
    level = qualified.level or prefix_level
    if not text:  # all in parentheses: "(Optional: writing APIs in Golang)"
        return _skills_in_prose(piece, table)
    known = _lookup_skill(text, table.names)
    if known is not None:
        return [Skill(name=known, raw=raw, level=level, note=qualified.note, line=piece.line_at(0))]
    if _is_prose(text):
        return _skills_in_prose(piece, table)
    return _sub_skills(piece, text, raw, table, _Qualified(text, level, qualified.note))


_EXAMPLES = re.compile(r"^(?:e\.?\s?g\.?|such as|like|including|for example|for instance)\b", re.I)


def _example_skills(piece: Text, qualified: _Qualified, table: _SkillTable) -> list[Skill]:
    """Named examples are skills too: "Observability tools (e.g. Prometheus, Grafana)"."""
    if qualified.note is None or not _EXAMPLES.match(qualified.note):
        return []
    return _skills_in_prose(Text(qualified.note, (0,), (piece.line_at(0),)), table)


def _alternatives(text: str, table: _SkillTable) -> list[str]:
    """ "Rust/Clojure" -> two parts, but "CI/CD systems" keeps its known "CI/CD" whole."""
    for match in _SLASH_COMPOUND.finditer(text):
        if _lookup_skill(match.group(0), table.names) is not None:
            kept = match.group(0).replace("/", _KEPT_SLASH)
            text = text[: match.start()] + kept + text[match.end() :]
    parts = split_top(Text(text, (0,), (0,)), _SUBSKILL_SEPARATOR)
    return [squash(part.text).replace(_KEPT_SLASH, "/") for part in parts]


# Nouns that two qualifiers can share: "unit and integration testing".
_SHARED_HEADS = word_set(
    """testing tests test development design engineering programming scripting management
    analysis writing systems end"""
)


def _distribute(parts: list[str], table: _SkillTable) -> list[str]:
    """ "unit and feature testing" -> "unit testing", "feature testing"; "designing and
    implementing algorithms" -> "designing algorithms", "implementing algorithms"."""
    if len(parts) != 2 or len(parts[0].split()) != 1 or len(parts[1].split()) < 2:
        return parts
    verb, (other, *rest) = parts[0], parts[1].split()
    if verb.islower() and verb.endswith("ing") and other.endswith("ing"):
        return [f"{verb} {' '.join(rest)}", parts[1]]  # two verbs sharing their object
    head = parts[1].split()[-1].casefold()
    if head not in _SHARED_HEADS or _strip_filler(parts[1])[0] != parts[1]:
        return parts
    if _lookup_skill(parts[0], table.names) or _lookup_skill(parts[1].split()[0], table.names):
        return parts
    return [f"{parts[0]} {parts[1].split()[-1]}", parts[1]]


def _sub_skills(
    piece: Text, text: str, raw: str, table: _SkillTable, qualifiers: _Qualified
) -> list[Skill]:
    """Split "Rust/Clojure", "Go and Rust" into separate skills."""
    parts = _distribute(_alternatives(text, table), table)
    if any(len(part) < 3 and _lookup_skill(part, table.names) is None for part in parts):
        parts = [text]  # "TCP/IP", "I/O": one name, not two
    skills = []
    for part in parts:
        part_text, part_level = _strip_filler(_clean_skill_text(part))
        if not part_text or is_placeholder(part_text):
            continue
        known = _lookup_skill(part_text, table.names)
        if known is None:
            # "..., in Python." at the end of a sentence cut at its commas: the skill only
            bare = _PREPOSITION.sub("", part_text, count=1)
            known = _lookup_skill(bare, table.names) if bare != part_text else None
        if known is None and _is_prose(part_text):
            skills.extend(_skills_in_prose(Text(part, (0,), (piece.line_at(0),)), table))
            continue
        name = known or _cased(part_text, table.names)
        skill_raw = raw if len(parts) == 1 else part
        level = qualifiers.level or part_level
        skills.append(
            Skill(
                name=name, raw=skill_raw, level=level, note=qualifiers.note, line=piece.line_at(0)
            )
        )
    return skills


_WORD = re.compile(r"[^\W\d_][\w.+#-]*")
#: Endings of common English words ("testing", "synthesis", "distributed"): a name that
#: starts with one is prose-like and takes a capital; "kubectl plugins" keeps its own case.
_ENGLISH_ENDING = re.compile(
    r"(?:ing|ed|ion|ment|ity|ics|ysis|esis|ance|ence|ness|ogy|ure|ies|ship|ices|ive|al)$"
)


def _cased(name: str, names: Mapping[str, str]) -> str:
    """A name the table does not know, cased like the names it does know.

    Words the table spells with inner capitals take its spelling ("Github CI" -> "GitHub
    CI", "Javascript testing" -> "JavaScript testing"), and a name all in lower case that
    starts with an English word takes a capital, as the table's own names do ("testing
    best practices" -> "Testing best practices"); tool names ("kubectl plugins") and the
    author's own capitals ("gRPC streaming") stay as written. A first word the table
    knows takes its spelling ("linux kernel" -> "Linux kernel").
    """

    def known(match: re.Match[str]) -> str:
        word = match.group()
        canonical = names.get(word.casefold())
        if canonical is None or canonical.casefold() != word.casefold():
            return word
        return canonical if any(c.isupper() for c in canonical[1:]) else word

    cased = _WORD.sub(known, name)
    first = _WORD.match(cased)
    if not cased.islower() or first is None:
        return cased
    word = first.group()
    canonical = names.get(word)
    if canonical is not None and canonical.casefold() == word:  # "linux kernel"
        return canonical + cased[len(word) :]
    if _ENGLISH_ENDING.search(word):
        return cased[0].upper() + cased[1:]
    return cased


def _take_qualifiers(raw: str) -> _Qualified:
    """``Rust Programming (beginner is ok)`` -> text, level "beginner is ok"."""
    levels: list[str] = []
    notes: list[str] = []
    raw = LINK.sub(lambda match: match.group("text"), raw)  # "[Rust](https://...)"
    for match in QUALIFIER.finditer(raw):
        qualifier = squash(match.group("q")).strip(" ,;.")
        if not qualifier:
            continue
        is_level = _LEVEL_WORDS.search(qualifier) and len(qualifier.split()) <= 4
        (levels if is_level else notes).append(qualifier)
    text = _clean_skill_text(QUALIFIER.sub(" ", raw))
    return _Qualified(text, "; ".join(levels) or None, "; ".join(notes) or None)


def _strip_filler(text: str) -> tuple[str, str | None]:
    """``some experience with syslog`` -> ``syslog``; ``basic knowledge of Go`` -> level."""
    match = _FILLER_PREFIX.match(text)
    if match is None or match.end() >= len(text):
        return _clean_skill_text(text), None
    adjective = squash(match.group("adj") or "").casefold()
    level = adjective if _LEVEL_WORDS.fullmatch(adjective) else None
    if match.group("phrase") or adjective in _FILLER_ADJECTIVES:
        return _clean_skill_text(text[match.end() :]), level
    return _clean_skill_text(text[match.end("conj") if match.group("conj") else 0 :]), None


def _is_prose(text: str) -> bool:
    """A sentence rather than a skill name: long, or with the words sentences are made of."""
    words = [word.casefold().strip(".,:;!?()'\"") for word in text.split()]
    if len(words) > _MAX_SKILL_WORDS or re.search(r"[.!?]\s+\w", text):
        return True
    return any(word in _PROSE_WORDS for word in words)


def _prose_pattern(table: Mapping[str, str]) -> re.Pattern[str]:
    keys = sorted(
        (key for key, name in table.items() if len(key) > 1 and name not in _CONCEPTS),
        key=len,
        reverse=True,
    )
    body = "|".join(re.escape(key) for key in keys)
    return re.compile(rf"(?<![\w+#.-])(?:{body})(?![\w+#]|-\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _SkillTable:
    """Alias table (lower-cased alias -> canonical name) and its prose search pattern."""

    names: Mapping[str, str]
    prose: re.Pattern[str]


_BUILTIN_TABLE = _SkillTable(BUILTIN_SKILL_ALIASES, _prose_pattern(BUILTIN_SKILL_ALIASES))


@lru_cache(maxsize=32)
def _skill_table(alias_items: tuple[tuple[str, str], ...]) -> _SkillTable:
    """The built-in table extended by the user's aliases (built once per configuration)."""
    if not alias_items:
        return _BUILTIN_TABLE
    names = dict(BUILTIN_SKILL_ALIASES)
    for key, value in alias_items:
        names[_skill_key(key)] = value
        names.setdefault(_skill_key(value), value)
    return _SkillTable(names, _prose_pattern(names))


@lru_cache(maxsize=32)
def _aliases_by_name(alias_items: tuple[tuple[str, str], ...]) -> dict[str, tuple[str, ...]]:
    by_name: dict[str, list[str]] = {}
    for alias, name in _skill_table(alias_items).names.items():
        if alias != name.casefold():
            by_name.setdefault(name, []).append(alias)
    return {name: tuple(sorted(found)) for name, found in by_name.items()}


def skill_aliases_of(name: str, aliases: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The other spellings that read as the canonical skill ``name`` (lower case: "golang"
    for "Go"), from the built-in table and the user's ``aliases``."""
    return _aliases_by_name(_alias_items(aliases)).get(name, ())


def _skills_in_prose(piece: Text, table: _SkillTable) -> list[Skill]:
    """The skill names the alias table knows, found inside a sentence."""
    found = []
    for match in table.prose.finditer(piece.text):
        written = match.group(0)
        if written.casefold() in _ENGLISH_WORDS and not written[0].isupper():
            continue
        name = table.names.get(_skill_key(written))
        if name is None:  # matched with other spacing than the table's key: skip it
            continue
        found.append(
            Skill(name=name, raw=written, level=None, note=None, line=piece.line_at(match.start()))
        )
    return found


def _dedupe_skills(skills: Iterable[Skill]) -> tuple[Skill, ...]:
    """One skill per name, whatever its case, where it first appears.

    A qualifier written only at a later mention is kept ("Rust, rust (advanced)" is Rust,
    advanced): the reading that loses nothing.
    """
    seen: dict[str, Skill] = {}
    for skill in skills:
        key = skill.name.casefold()
        first = seen.setdefault(key, skill)
        if first is not skill and (first.level, first.note) == (None, None):
            seen[key] = replace(first, raw=skill.raw, level=skill.level, note=skill.note)
    return tuple(seen.values())
