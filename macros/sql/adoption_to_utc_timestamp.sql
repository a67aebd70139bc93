{#- Parse a timestamp to UTC without a time zone. A value with an offset
    (2025-03-01T10:00:00+02:00) is converted to UTC; a value without one is
    taken as UTC already. Unparseable values become null. -#}
{% macro adoption_to_utc_timestamp(expression) %}
    {{- return(adapter.dispatch('adoption_to_utc_timestamp', 'adoption_intelligence')(expression)) -}}
{% endmacro %}

{% macro default__adoption_to_utc_timestamp(expression) %}
    {{- exceptions.raise_compiler_error(
        "adoption_to_utc_timestamp has no implementation for adapter '"
        ~ target.type ~ "'."
    ) -}}
{% endmacro %}

{#- The profile pins the DuckDB session time zone to UTC, so the cast to
    timestamptz reads offset-free values as UTC and the cast back drops the
    zone after converting to UTC. -#}
{% macro duckdb__adoption_to_utc_timestamp(expression) %}
    cast(try_cast(cast({{ expression }} as varchar) as timestamptz) as timestamp)
{%- endmacro %}

{#- The profile pins the Spark session time zone to UTC. Spark's timestamp
    is an instant shown in that zone, so offset-free values are read as UTC
    and values with an offset are converted. -#}
{% macro spark__adoption_to_utc_timestamp(expression) %}
    try_cast(cast({{ expression }} as string) as timestamp)
{%- endmacro %}

{#- The function, created before each run by adoption_create_sql_functions,
    parses in UTC whatever the session's time zone. -#}
{% macro postgres__adoption_to_utc_timestamp(expression) %}
    {{ target.schema }}.adoption_to_utc_timestamp(cast({{ expression }} as text))
{%- endmacro %}
