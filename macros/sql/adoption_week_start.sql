{#- The Monday that starts the week of a date or timestamp, as a date, so
    that weeks start on Monday on every engine. date_trunc('week') truncates
    to Monday on DuckDB, Spark and PostgreSQL. On Snowflake it follows the
    WEEK_START parameter, which must then be 0 or 1. BigQuery's week starts
    on Sunday, so it truncates to isoweek. -#}
{% macro adoption_week_start(expression) %}
    {{- return(adapter.dispatch('adoption_week_start', 'adoption_intelligence')(expression)) -}}
{% endmacro %}

{% macro default__adoption_week_start(expression) %}
    cast({{ dbt.date_trunc('week', expression) }} as date)
{%- endmacro %}

{#- NOTE: untested; no BigQuery is reachable from the build machines. -#}
{% macro bigquery__adoption_week_start(expression) %}
    date_trunc(cast({{ expression }} as date), isoweek)
{%- endmacro %}
