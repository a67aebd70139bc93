{#- The incremental strategy of the project's incremental models on the
    current adapter. delete+insert replaces every row whose unique_key comes
    back in a run, which is how late events and later copies of an event
    recompute rows loaded before. Spark has no delete+insert: there
    insert_overwrite replaces whole partitions, so the models need a
    partition_by on that engine. -#}
{% macro adoption_incremental_strategy() %}
    {{- return(adapter.dispatch('adoption_incremental_strategy', 'adoption_intelligence')()) -}}
{% endmacro %}

{% macro default__adoption_incremental_strategy() %}
    {{- exceptions.raise_compiler_error(
        "adoption_incremental_strategy has no implementation for adapter '"
        ~ target.type ~ "'. Add " ~ target.type ~ "__adoption_incremental_strategy "
        ~ "to macros/sql/adoption_incremental_strategy.sql."
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
