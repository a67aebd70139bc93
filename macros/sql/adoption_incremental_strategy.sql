{#- How the event models (int_events_validated, int_events_accepted and the
    daily aggregates) are materialized and merged on the current engine.
    Each incremental run replaces whole keys instead of merging rows:
    delete+insert on DuckDB and PostgreSQL. Spark's Parquet tables support
    neither merge nor delete+insert, and insert_overwrite without partitions
    replaces the whole table with the run's rows, so on Spark these models
    are rebuilt as tables on every run. -#}
{% macro adoption_incremental_materialization() %}
    {{- return(adapter.dispatch('adoption_incremental_materialization', 'adoption_intelligence')()) -}}
{% endmacro %}

{% macro default__adoption_incremental_materialization() %}
    {{- return('incremental') -}}
{% endmacro %}

{#- TODO: Spark rebuilds the event models in full; Delta or Iceberg tables
    would allow the merge strategy. -#}
{% macro spark__adoption_incremental_materialization() %}
    {{- return('table') -}}
{% endmacro %}

{% macro adoption_incremental_strategy() %}
    {{- return(adapter.dispatch('adoption_incremental_strategy', 'adoption_intelligence')()) -}}
{% endmacro %}

{% macro default__adoption_incremental_strategy() %}
    {{- exceptions.raise_compiler_error(
        "adoption_incremental_strategy has no strategy for adapter '" ~ target.type
        ~ "': add a " ~ target.type ~ "__adoption_incremental_strategy macro that "
        ~ "returns one of the adapter's incremental strategies, or a "
        ~ target.type ~ "__adoption_incremental_materialization macro that returns 'table'."
    ) -}}
{% endmacro %}

{% macro duckdb__adoption_incremental_strategy() %}
    {{- return('delete+insert') -}}
{% endmacro %}

{% macro postgres__adoption_incremental_strategy() %}
    {{- return('delete+insert') -}}
{% endmacro %}

{#- Not used: the models are tables on Spark. -#}
{% macro spark__adoption_incremental_strategy() %}
    {{- return(none) -}}
{% endmacro %}
