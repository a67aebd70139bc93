{#- The incremental strategy that incremental models of this project use on
    the current engine, for config(incremental_strategy=...). Each replaces
    whole partitions or keys instead of merging rows: delete+insert on DuckDB
    and PostgreSQL, and insert_overwrite on Spark, whose Parquet tables
    support neither merge nor delete+insert (insert_overwrite needs
    partition_by). -#}
{% macro adoption_incremental_strategy() %}
    {{- return(adapter.dispatch('adoption_incremental_strategy', 'adoption_intelligence')()) -}}
{% endmacro %}

{% macro default__adoption_incremental_strategy() %}
    {{- exceptions.raise_compiler_error(
        "adoption_incremental_strategy has no strategy for adapter '" ~ target.type
        ~ "': add a " ~ target.type ~ "__adoption_incremental_strategy macro that "
        ~ "returns one of the adapter's incremental strategies."
    ) -}}
{% endmacro %}

{% macro duckdb__adoption_incremental_strategy() %}
    {{- return('delete+insert') -}}
{% endmacro %}

{% macro postgres__adoption_incremental_strategy() %}
    {{- return('delete+insert') -}}
{% endmacro %}

{% macro spark__adoption_incremental_strategy() %}
    {{- return('insert_overwrite') -}}
{% endmacro %}
