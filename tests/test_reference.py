"""Reference data and business rules: one copy in reference/, read by Python as it
is written there and loaded by dbt as seeds, so the extractor and the SQL agree."""

from __future__ import annotations

import csv
import dataclasses
from typing import get_args

import yaml

from etl import reference
from etl.config import DBT_PROJECT_DIR
from etl.model import AgreementKind, AgreementStatus, ParticipantRole

DBT_PROJECT = DBT_PROJECT_DIR / "dbt_project.yml"


def _by_precedence(rules: dict) -> list[str]:
    return sorted(rules, key=lambda code: rules[code].precedence)


def test_agreement_kinds_are_the_contract_kinds_with_their_rank_and_family():
    kinds = reference.agreement_kinds()
    assert tuple(kinds) == get_args(AgreementKind)
    rank = {code: kind.specificity_rank for code, kind in kinds.items()}
    assert (
        rank["memorandum_of_understanding"]
        < rank["framework_agreement"]
        < rank["treaty_or_binding_agreement"]
        < rank["partnership"]
        < rank["talks"]
    )
    family = {code: kind.merge_family for code, kind in kinds.items()}
    assert family["memorandum_of_understanding"] == family["memorandum_of_cooperation"]
    assert family["joint_statement"] == family["joint_declaration"]
    assert family["memorandum_of_understanding"] != family["joint_statement"]
    assert [code for code, kind in kinds.items() if not kind.is_instrument] == ["talks"]
    assert family["talks"] == "talks"
    assert kinds["talks"].label == "Talks"


def test_a_witness_outranks_a_signatory_an_attendee_and_a_mention():
    roles = reference.participant_roles()
    assert set(roles) == set(get_args(ParticipantRole))
    assert _by_precedence(roles) == ["party", "witness", "signatory", "attendee", "mentioned"]
    assert all(isinstance(role.precedence, int) and role.description for role in roles.values())


def test_the_most_advanced_status_wins():
    statuses = reference.agreement_statuses()
    assert set(statuses) == set(get_args(AgreementStatus))
    assert _by_precedence(statuses) == ["signed", "announced", "under_negotiation", "talks"]


def test_python_reads_the_alias_files_as_written():
    """What the extractor matches is exactly what dbt seeds: nothing is added at run time."""
    for loader, filename in (
        (reference.country_aliases, "country_aliases.csv"),
        (reference.mineral_aliases, "mineral_aliases.csv"),
    ):
        names = [field.name for field in dataclasses.fields(loader()[0])]
        with (reference.REFERENCE_DIR / filename).open(encoding="utf-8", newline="") as handle:
            rows = [tuple(row[name] for name in names) for row in csv.DictReader(handle)]
        assert [dataclasses.astuple(alias) for alias in loader()] == rows


def test_country_aliases_name_each_country_once_per_language_and_spelling():
    seen = [(a.country_code, a.language, a.alias.casefold()) for a in reference.country_aliases()]
    assert len(seen) == len(set(seen))
    assert all(a.alias == a.alias.strip() and a.alias for a in reference.country_aliases())


def test_every_mineral_is_an_english_alias_of_itself():
    english = {(a.mineral_id, a.alias) for a in reference.mineral_aliases() if a.language == "en"}
    missing = [
        m.mineral_id
        for m in reference.minerals().values()
        if "(" not in m.name and (m.mineral_id, m.name.lower()) not in english
    ]
    assert missing == []


def test_every_reference_file_is_a_typed_and_documented_seed_or_excluded():
    project = yaml.safe_load(DBT_PROJECT.read_text())
    seed_configs = project["seeds"]["critical_minerals_warehouse"]
    excluded = {name for name, c in seed_configs.items() if c == {"+enabled": False}}
    documented = {
        seed["name"]: [column["name"] for column in seed["columns"]]
        for seed in yaml.safe_load((reference.REFERENCE_DIR / "_seeds.yml").read_text())["seeds"]
    }
    files = {path.stem: path for path in reference.REFERENCE_DIR.glob("*.csv")}
    assert set(files) - excluded == set(documented)
    for name, columns in documented.items():
        with files[name].open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert columns == header, name
        assert list(seed_configs[name]["+column_types"]) == header, name
