"""`newsclean rules`: list, show, test and lint the rule packs in force."""

from __future__ import annotations

import click

from ..engine.lint import ERROR, lint
from ..engine.packs import shipped_packs
from ..engine.patterns import DEFAULT_TIMEOUT
from ..examples import run_examples
from ..report import Exit, lint_exit
from .group import NewscleanGroup
from .messages import note
from .options import rule_options
from .runner import load_or_exit


@click.group("rules", cls=NewscleanGroup)
def rules_group() -> None:
    """Inspect, test and lint rule packs (the default packs plus any given with --rules).

    \b
    Example:
        newsclean rules list
        newsclean rules lint ./mysite.yaml
    """


@rules_group.command("list")
@rule_options
def list_command(rule_packs, no_default_rules, disable, regex_timeout) -> None:
    """One line a rule: id, kind, languages, label and description.

    \b
    Example:
        newsclean rules list --rules ./mysite.yaml
    """
    rules = load_or_exit(rule_packs, no_default_rules, disable, regex_timeout)
    for r in rules.all_rules():
        langs = ",".join(sorted(r.languages)) if r.languages else "any"
        click.echo(f"{r.id}\t{r.kind}\t{langs}\t{r.label}\t{r.description.strip()}")
    click.echo(
        f"{len(rules.rules)} rules from {len(rules.packs)} packs; shipped: {', '.join(shipped_packs())}", err=True
    )


@rules_group.command("show")
@click.argument("rule_id")
@rule_options
def show_command(rule_id, rule_packs, no_default_rules, disable, regex_timeout) -> None:
    """Where a rule is defined and its YAML as loaded.

    \b
    Example:
        newsclean rules show ar.meta.tags-line
    """
    import yaml

    rules = load_or_exit(rule_packs, no_default_rules, disable, regex_timeout)
    rule = rules.by_id(rule_id)
    if rule is None:
        raise click.UsageError(f"no rule with id {rule_id!r} (see `newsclean rules list`)")
    click.echo(f"# {rule.file}:{rule.line} (pack {rule.pack})")
    click.echo(yaml.safe_dump(_plain(rule.spec), allow_unicode=True, sort_keys=False).rstrip())


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@rules_group.command("test")
@click.argument("rule_ids", nargs=-1)
@rule_options
def test_command(rule_ids, rule_packs, no_default_rules, disable, regex_timeout) -> None:
    """Run the examples of every rule (or of RULE_IDS); exit 1 when one fails.

    \b
    Example:
        newsclean rules test
        newsclean rules test --rules ./mysite.yaml mysite.menu
    """
    rules = load_or_exit(rule_packs, no_default_rules, disable, regex_timeout)
    unknown = [rule_id for rule_id in rule_ids if rules.by_id(rule_id) is None]
    if unknown:  # a misspelt id would test nothing and pass
        raise click.UsageError(f"no rule with id {unknown[0]!r} (see `newsclean rules list`)")
    results = run_examples(rules, set(rule_ids) or None)
    failed = [r for r in results if not r.ok]
    for r in failed:
        click.echo(f"{r.where()}: rule {r.rule.id}: example {r.index + 1}: {r.failure}")
    click.echo(f"{len(results) - len(failed)} of {len(results)} examples pass", err=True)
    raise click.exceptions.Exit(int(Exit.CHANGED) if failed else 0)


@rules_group.command("lint")
@click.argument("packs", nargs=-1, metavar="[PACK]...")
@click.option("--rules", "rule_packs", multiple=True, metavar="NAME_OR_PATH", help="Lint this pack too (repeatable).")
@click.option(
    "--regex-timeout",
    type=click.FloatRange(min=0.001),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Time limit compiled into user patterns (as when cleaning).",
)
def lint_command(packs, rule_packs, regex_timeout) -> None:
    """Check rule packs: schema, patterns that compile, examples on every rule, duplicate and shadowed ids.

    PACK is a shipped pack name or a YAML path; with none, every shipped pack is linted. Problems print as
    `FILE:LINE: rule ID: message`. Exit codes: 0 clean (warnings allowed), 1 problems found, 2 a pack does not
    load.

    \b
    Example:
        newsclean rules lint
        newsclean rules lint ./mysite.yaml
    """
    problems = lint(list(packs) + list(rule_packs), timeout=regex_timeout)
    for p in problems:
        click.echo(str(p))
    errors = sum(1 for p in problems if not p.loads)
    findings = sum(1 for p in problems if p.loads and p.severity == ERROR)
    warnings = len(problems) - errors - findings
    note(f"{errors} packs that do not load, {findings} problems, {warnings} warnings")
    raise click.exceptions.Exit(int(lint_exit(errors, findings)))
