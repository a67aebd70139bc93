{#- Cast a value, or return null when the value cannot be converted, so that
    staging can reject the row with a reason instead of failing the run. -#}
{% macro adoption_try_cast(expression, data_type) %}
    {{- return(adapter.dispatch('adoption_try_cast', 'adoption_intelligence')(expression, data_type)) -}}
{% endmacro %}

{% macro default__adoption_try_cast(expression, data_type) %}
    {{- exceptions.raise_compiler_error(
        "adoption_try_cast has no implementation for adapter '" ~ target.type
        ~ "': add a " ~ target.type ~ "__adoption_try_cast macro that returns null "
        ~ "for values that cannot be cast to " ~ data_type ~ "."
    ) -}}
{% endmacro %}

{% macro duckdb__adoption_try_cast(expression, data_type) %}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{% macro spark__adoption_try_cast(expression, data_type) %}
    try_cast({{ expression }} as {{ data_type }})
{%- endmacro %}

{#- The functions are created before each run by
    adoption_create_sql_functions, one per type. -#}
{% macro postgres__adoption_try_cast(expression, data_type) %}
    {%- set functions = adoption_postgres_try_cast_functions() -%}
    {%- set type_name = data_type | lower | trim -%}
    {%- if type_name not in functions -%}
        {{ exceptions.raise_compiler_error(
            "adoption_try_cast has no PostgreSQL function for type '" ~ data_type
            ~ "': use one of " ~ (functions.keys() | join(', '))
            ~ ", or add the type to adoption_postgres_try_cast_functions."
        ) }}
    {%- endif -%}
    {{ target.schema }}.{{ functions[type_name] }}(cast({{ expression }} as text))
{%- endmacro %}
