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
