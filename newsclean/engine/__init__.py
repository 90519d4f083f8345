"""The rule engine: YAML packs loaded, validated and compiled into rules the pipeline steps apply."""

from .errors import PackError
from .packs import RuleSet, load_rules
from .rules import Rule

__all__ = ["PackError", "Rule", "RuleSet", "load_rules"]
