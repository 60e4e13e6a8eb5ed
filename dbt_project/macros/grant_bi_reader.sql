{#- The bi_reader role reads every current and future table in marts, and nothing else.
    Granted on the schema being built (the shadow schema swapped in afterwards keeps them).
    Roles are cluster-wide, so creating it tolerates a concurrent build doing the same. -#}
{% macro grant_bi_reader() %}
    {% if execute %}
        {% set marts = var('marts_schema', 'marts') %}
        {% set sql %}
            do $$
            begin
                if not exists (select from pg_roles where rolname = 'bi_reader') then
                    create role bi_reader nologin;
                end if;
            exception when duplicate_object or unique_violation then null;
            end $$;
            grant usage on schema {{ marts }} to bi_reader;
            grant select on all tables in schema {{ marts }} to bi_reader;
            alter default privileges in schema {{ marts }} grant select on tables to bi_reader;
            revoke all on schema staging from bi_reader;
            revoke all on all tables in schema staging from bi_reader;
            revoke all on schema intermediate from bi_reader;
            revoke all on all tables in schema intermediate from bi_reader;
        {% endset %}
        {% do run_query(sql) %}
    {% endif %}
{% endmacro %}
