{#- How the event models (int_events_validated, int_events_accepted and the
    daily aggregates) are materialized on the current engine. On DuckDB and
    PostgreSQL they are incremental and replace the keys a run touches.
    Spark's Parquet tables support neither merge nor delete+insert, and
    insert_overwrite without partitions replaces the whole table with the
    run's rows, so on Spark these models are rebuilt as tables on every
    run. -#}
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
