"""Packs: finding them (shipped names or paths), extending, composing and overriding rules by id.

Composition follows DESIGN.md: the default packs first, then each `--rules` pack in order; a later rule with the
same id replaces the earlier one where it stood; `--disable ID` removes one. A pack's `extends` are loaded
before it. Every pack is validated completely before any document is cleaned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import PackError
from .fold import words_of
from .index import LineScanner, RuleIndex
from .matchers import CompileContext
from .patterns import DEFAULT_TIMEOUT
from .rules import Rule, compile_rule
from .yamlmarks import load_marked

DEFAULT_PACKS = ("base", "ar", "fa")
PACK_KEYS = {"pack", "description", "extends", "language", "wordlists", "rules"}


def rules_dir() -> Path:
    """The shipped packs: inside the installed package, or the top-level `rules/` of a source checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "rules", here.parent / "rules"):
        if (candidate / "base.yaml").is_file():
            return candidate
    raise FileNotFoundError("newsclean's rule packs are missing (expected rules/base.yaml)")


def shipped_packs() -> list[str]:
    """Names of the packs that ship with newsclean (site packs as `sites/NAME`)."""
    root = rules_dir()
    return sorted(str(p.relative_to(root).with_suffix("")) for p in root.rglob("*.yaml"))


@dataclass
class Pack:
    name: str
    file: str
    trusted: bool
    language: object
    wordlists: dict[str, frozenset[str]]
    rules: list[Rule]


@dataclass
class RuleSet:
    """The rules in force, in order, with fast access by kind and language; per-site packs on the side."""

    rules: list[Rule]
    packs: list[Pack] = field(default_factory=list)
    sites: dict[str, list[Rule]] = field(default_factory=dict)
    # what the literals of the rules are found with: shared with the sets derived from this one (site, contextual)
    scanner: LineScanner = field(default_factory=LineScanner, repr=False)
    _cache: dict = field(default_factory=dict, repr=False)

    def for_site(self, site: str | None) -> RuleSet:
        """These rules plus the site's own pack (its rules override by id), or these rules alone."""
        key = site_key(site)
        extra = self.sites.get(key) if key else None
        if not extra:
            return self
        cached = self._cache.get(("site", key))
        if cached is None:
            cached = RuleSet(_merge(self.rules, extra), self.packs, scanner=self.scanner)
            self._cache[("site", key)] = cached
        return cached

    def all_rules(self) -> list[Rule]:
        """The rules in force, then the site packs' rules."""
        return self.rules + [r for site in sorted(self.sites) for r in self.sites[site]]

    def contextual(self) -> RuleSet:
        """Only the rules whose match looks at a line's position or its neighbours: what can still change when
        other lines go (built once, then cached). The chars rules stay: they spell a mixed page in each language's
        letters for that language's rules to read (`classify._readings`)."""
        found = self._cache.get("contextual")
        if found is None:
            found = self._cache["contextual"] = RuleSet(
                [r for r in self.rules if r.contextual or r.kind == "chars"], self.packs, scanner=self.scanner
            )
        return found

    def by_id(self, rule_id: str) -> Rule | None:
        return next((r for r in self.all_rules() if r.id == rule_id), None)

    def index(self, lang: str | tuple[str, ...] | None) -> RuleIndex:
        """The line and span rules for `lang`, indexed by what their lines must hold (built once, then cached)."""
        key = ("index", lang)
        found = self._cache.get(key)
        if found is None:
            groups = {kind: self.select(kind, lang) for kind in ("line", "span")}
            found = self._cache[key] = RuleIndex(groups, self.scanner)
        return found

    def select(self, kind: str, lang: str | tuple[str, ...] | None, stage: str | None = None) -> list[Rule]:
        """Rules of one kind that apply to text in `lang` (or in any of several languages), in pack order."""
        key = (kind, lang, stage)
        found = self._cache.get(key)
        if found is None:
            langs = lang if isinstance(lang, tuple) else (lang,)
            found = [
                r
                for r in self.rules
                if r.kind == kind and any(r.applies_to(x) for x in langs) and (stage is None or r.stage == stage)
            ]
            self._cache[key] = found
        return found


def _beside(pack: Path, reference: str) -> str:
    """A relative path a pack names (in `extends`) is found beside the pack first, as its word-list files are,
    then from the working folder; a shipped pack's name stays a name."""
    beside = pack.parent / reference
    if Path(reference).is_absolute() or not beside.is_file():
        return reference
    return str(beside)


class _Loader:
    """Loads packs once each, resolving `extends` and word-list references across the packs loaded."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.packs: dict[str, Pack] = {}
        self.order: list[Pack] = []
        self._loading: list[str] = []

    def resolve(self, name_or_path: str, origin: str = "--rules", line: int = 0) -> tuple[str, Path, bool]:
        """A pack reference as (key, file, trusted): a path to a YAML file, or the name of a shipped pack. A
        shipped pack's name wins over a file or folder of that name in the working folder (a corpus repository may
        well hold an `ar/` folder); a path with a YAML suffix is always a path."""
        path = Path(name_or_path)
        shipped = rules_dir() / f"{name_or_path}.yaml"
        if path.suffix not in (".yaml", ".yml") and shipped.is_file():
            return f"shipped:{name_or_path}", shipped, True
        if path.suffix in (".yaml", ".yml") or path.exists():
            if not path.is_file():
                raise PackError(origin, line, f"rule pack {name_or_path!r} not found")
            return str(path.resolve()), path, False
        known = ", ".join(shipped_packs())
        raise PackError(origin, line, f"no rule pack named {name_or_path!r} (shipped packs: {known})")

    def load(self, name_or_path: str, origin: str = "--rules", line: int = 0) -> Pack:
        key, path, trusted = self.resolve(name_or_path, origin, line)
        if key in self.packs:
            return self.packs[key]
        if key in self._loading:
            raise PackError(str(path), line, f"extends cycle: {' -> '.join(self._loading + [key])}")
        self._loading.append(key)
        try:
            pack = self._parse(path, trusted)
        finally:
            self._loading.pop()
        self.packs[key] = pack
        self.order.append(pack)
        return pack

    def _parse(self, path: Path, trusted: bool) -> Pack:
        file = str(path)
        try:
            data = load_marked(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise PackError(file, 1, f"not UTF-8 at byte {exc.start}") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            line = mark.line + 1 if mark else 1
            problem = getattr(exc, "problem", None) or str(exc)
            raise PackError(file, line, f"invalid YAML: {problem}") from None
        if not isinstance(data, dict):
            raise PackError(file, 1, "a rule pack must be a mapping with `pack` and `rules`")
        unknown = sorted(set(data) - PACK_KEYS)
        if unknown:
            raise PackError(file, data.line_of(unknown[0]), f"unknown key {unknown[0]!r} in pack")
        name = data.get("pack")
        if not isinstance(name, str) or not name:
            raise PackError(file, data.line, "a pack needs a `pack` name")
        extends = data.get("extends") or []
        if isinstance(extends, str):
            extends = [extends]
        for parent in extends:
            self.load(_beside(path, str(parent)), file, data.line_of("extends"))
        wordlists = self._wordlists(data.get("wordlists") or {}, path, data)
        pack = Pack(name, file, trusted, data.get("language"), wordlists, [])
        self.packs[f"name:{name}"] = pack
        rules = data.get("rules")
        if not isinstance(rules, list):
            raise PackError(file, data.line_of("rules"), "`rules` must be a list")
        seen: dict[str, int] = {}
        for i, spec in enumerate(rules):
            line = rules.line_of(i)
            ctx = CompileContext(file, "", self._wordlist_lookup(pack, file), trusted, self.timeout)
            rule = compile_rule(spec, pack=name, file=file, line=line, ctx=ctx, pack_language=pack.language)
            if rule.id in seen:
                raise PackError(file, line, f"duplicate id (first defined on line {seen[rule.id]})", rule.id)
            seen[rule.id] = line
            pack.rules.append(rule)
        return pack

    def _wordlists(self, spec: object, path: Path, data: dict) -> dict[str, frozenset[str]]:
        """Word lists inline (a list of words) or from a file next to the pack (`{file: NAME}`), folded."""
        file = str(path)
        if not isinstance(spec, dict):
            raise PackError(file, data.line_of("wordlists"), "`wordlists` must map names to lists of words")
        out = {}
        for name, value in spec.items():
            line = spec.line_of(name)
            if isinstance(value, dict) and set(value) == {"file"}:
                target = path.parent / str(value["file"])
                if not target.is_file():
                    raise PackError(file, line, f"word list file {value['file']!r} not found")
                lines = target.read_text(encoding="utf-8").splitlines()
                value = [w for w in (ln.split("#", 1)[0].strip() for ln in lines) if w]
            if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                raise PackError(file, line, f"word list {name!r} must be a list of strings or {{file: NAME}}")
            out[str(name)] = frozenset(w for item in value for w in words_of(item))
        return out

    def _wordlist_lookup(self, pack: Pack, file: str):
        def lookup(ref: str, line: int) -> frozenset[str]:
            pack_name, _, list_name = ref.rpartition(".")
            owner = self.packs.get(f"name:{pack_name}") if pack_name else pack
            if owner is None or list_name not in owner.wordlists:
                raise PackError(file, line, f"unknown word list @{ref}")
            return owner.wordlists[list_name]

        return lookup


def site_key(site: str | None) -> str | None:
    """The pack name a site value selects: `Goud.ma` -> `goud.ma` (rules/sites/goud.ma.yaml)."""
    return site.strip().lower() if site and site.strip() else None


def _merge(rules: list[Rule], extra: list[Rule]) -> list[Rule]:
    merged = {r.id: r for r in rules}
    for rule in extra:
        merged[rule.id] = rule  # a later rule with the same id replaces the earlier one in its place
    return list(merged.values())


def load_rules(
    extra: Iterable[str] = (),
    *,
    defaults: bool = True,
    disable: Iterable[str] = (),
    timeout: float = DEFAULT_TIMEOUT,
) -> RuleSet:
    """The rule set for a run: default packs, then `extra` packs in order, minus the disabled ids.

    The shipped site packs (`rules/sites/*.yaml`) are loaded and checked too, and used for documents whose site
    names them (`RuleSet.for_site`).
    """
    loader = _Loader(timeout)
    for name in DEFAULT_PACKS if defaults else ():
        loader.load(name, "default packs")
    for name in extra:
        loader.load(name)
    rules = _merge([], [rule for pack in loader.order for rule in pack.rules])
    sites = {}
    if defaults:
        for path in sorted((rules_dir() / "sites").glob("*.yaml")):
            pack = _Loader(timeout).load(f"sites/{path.stem}", "site packs")
            sites[path.stem] = pack.rules
    disabled = set(disable)
    known = {r.id for r in rules} | {r.id for site_rules in sites.values() for r in site_rules}
    for rule_id in sorted(disabled - known):
        raise PackError("--disable", 0, f"no rule with id {rule_id!r}")
    rules = [r for r in rules if r.id not in disabled]
    sites = {k: [r for r in v if r.id not in disabled] for k, v in sites.items()}
    return RuleSet(rules, loader.order, sites)
