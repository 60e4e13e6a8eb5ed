"""Source freshness as `dbt source freshness` checks it, without starting dbt.

The thresholds live once, in the dbt sources file (`_etl__sources.yml`): `dbt source
freshness` reads them, and so does `cmw nightly`, which checks them with one query per
table. Starting dbt and parsing the project cost several seconds, most of a night that
has nothing new.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import Any

import psycopg
import yaml
from psycopg import sql

from etl import config

SOURCES_FILE = config.DBT_PROJECT_DIR / "models" / "staging" / "_etl__sources.yml"

_PERIODS = {"minute": "minutes", "hour": "hours", "day": "days"}


@dataclass(frozen=True)
class FreshnessRule:
    """A source table whose newest row must be younger than its thresholds."""

    schema: str
    table: str
    loaded_at_field: str
    warn_after: timedelta | None
    error_after: timedelta | None


@dataclass(frozen=True)
class StaleSource:
    rule: FreshnessRule
    age: timedelta | None  # None: the table has no row yet
    severity: str  # "warn" or "error", as dbt names them

    def describe(self) -> str:
        limit = self.rule.error_after if self.severity == "error" else self.rule.warn_after
        seen = "no row yet" if self.age is None else f"newest row {_hours(self.age)} old"
        return (
            f"{self.rule.schema}.{self.rule.table}: {self.severity}, {seen}"
            f" ({self.severity} after {_hours(limit)})"
        )


@cache
def freshness_rules() -> tuple[FreshnessRule, ...]:
    """The tables the sources file gives a freshness to, with dbt's inheritance: a
    table's `config.freshness` and `loaded_at_field` override its source's; `null`
    switches freshness off."""
    document = yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))
    rules = []
    for source in document["sources"]:
        source_freshness = _freshness(source)
        for table in source.get("tables", []):
            freshness = _freshness(table, default=source_freshness)
            if not freshness:
                continue
            rules.append(
                FreshnessRule(
                    schema=source.get("schema", source["name"]),
                    table=table["name"],
                    loaded_at_field=table.get("loaded_at_field", source["loaded_at_field"]),
                    warn_after=_threshold(freshness.get("warn_after")),
                    error_after=_threshold(freshness.get("error_after")),
                )
            )
    return tuple(rules)


def stale_sources(conn: psycopg.Connection) -> list[StaleSource]:
    """The source tables whose newest row is older than a threshold, or that have none."""
    stale = []
    for rule in freshness_rules():
        row = conn.execute(
            sql.SQL("select now() - max({}) from {}").format(
                sql.Identifier(rule.loaded_at_field), sql.Identifier(rule.schema, rule.table)
            )
        ).fetchone()
        age = row[0] if row else None  # an aggregate: always one row
        if age is None or (rule.error_after is not None and age > rule.error_after):
            stale.append(StaleSource(rule, age, "error"))
        elif rule.warn_after is not None and age > rule.warn_after:
            stale.append(StaleSource(rule, age, "warn"))
    return stale


def _freshness(node: dict[str, Any], default: dict | None = None) -> dict | None:
    node_config = node.get("config") or {}
    if "freshness" in node_config:
        return node_config["freshness"]
    return node.get("freshness", default)


def _threshold(value: dict | None) -> timedelta | None:
    if not value:
        return None
    return timedelta(**{_PERIODS[value["period"]]: value["count"]})


def _hours(span: timedelta | None) -> str:
    return "?" if span is None else f"{span.total_seconds() / 3600:.0f} h"
