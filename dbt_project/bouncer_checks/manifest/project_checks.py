"""The project's own dbt-bouncer checks (dbt-bouncer.yml names them and loads this folder)."""

from dbt_bouncer.check_framework.decorator import check, fail

# Column constraints PostgreSQL enforces as NOT NULL when a contracted model is built.
_NOT_NULL_CONSTRAINTS = {"not_null", "primary_key"}


def _constraint_type(constraint) -> str:
    kind = getattr(constraint, "type", None)
    return kind.value if hasattr(kind, "value") else str(kind or "")


@check
def check_model_primary_key_is_tested(model, ctx):
    """A model's primary key is tested unique and never null.

    The key is the column of a `unique` test or the columns of a `unique_combination`
    test; each of its columns needs a `not_null` test or, in a contracted model, a
    `not_null` or `primary_key` constraint (the database refuses the null row, so a test
    would repeat it), since a uniqueness test lets any number of rows through with a
    null key. dbt-project-evaluator's rule on primary keys accepts the same.
    """
    keys: list[set[str]] = []
    not_null: set[str] = set()
    if model.contract is not None and model.contract.enforced:
        not_null.update(
            name
            for name, column in (model.columns or {}).items()
            if any(_constraint_type(c) in _NOT_NULL_CONSTRAINTS for c in column.constraints or [])
        )
    for test in ctx.tests_by_attached_node.get(model.unique_id, []):
        metadata = getattr(test, "test_metadata", None)
        if metadata is None:
            continue
        arguments = metadata.kwargs or {}
        if metadata.name == "not_null":
            not_null.add(arguments["column_name"])
        elif metadata.name == "unique":
            keys.append({arguments["column_name"]})
        elif metadata.name == "unique_combination":
            keys.append(set(arguments["columns"]))
    if not keys:
        fail(f"`{model.name}` has no unique or unique_combination test on its primary key.")
    if not any(key <= not_null for key in keys):
        untested = sorted(min(keys, key=lambda key: len(key - not_null)) - not_null)
        fail(
            f"`{model.name}`: primary key columns neither tested nor constrained not null:"
            f" {', '.join(untested)}."
        )


@check
def check_seed_is_used(seed, ctx):
    """Every seed feeds a model: reference data no model reads is not loaded."""
    if not ctx.children_by_unique_id.get(seed.unique_id):
        fail(f"No model reads the seed `{seed.name}`.")
