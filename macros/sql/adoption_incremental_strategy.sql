{#- The incremental strategy of the event models where they are
    incremental: delete+insert on DuckDB and PostgreSQL, which replaces the
    keys a run touches instead of merging rows. On Spark they are tables
    (adoption_incremental_materialization), so its strategy is not used. -#}
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
