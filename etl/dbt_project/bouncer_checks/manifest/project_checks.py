"""The project's own dbt-bouncer checks (dbt-bouncer.yml names them and loads this folder)."""

from dbt_bouncer.check_framework.decorator import check, fail


@check
def check_model_primary_key_is_tested(model, ctx):
    """A model's primary key is tested unique and not null.

    The key is the column of a `unique` test or the columns of a `unique_combination`
    test; each of its columns needs a `not_null` test too, since a uniqueness test lets
    any number of rows through with a null key.
    """
    keys: list[set[str]] = []
    not_null: set[str] = set()
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
        fail(f"`{model.name}`: primary key columns without a not_null test: {', '.join(untested)}.")


@check
def check_seed_is_used(seed, ctx):
    """Every seed feeds a model: reference data no model reads is not loaded."""
    if not ctx.children_by_unique_id.get(seed.unique_id):
        fail(f"No model reads the seed `{seed.name}`.")
