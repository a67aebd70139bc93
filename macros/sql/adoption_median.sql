{#- The median of an expression as an aggregate, exact where the engine has
    an exact percentile. -#}
{% macro adoption_median(expression) %}
    {{- return(adapter.dispatch('adoption_median', 'adoption_intelligence')(expression)) -}}
{% endmacro %}

{% macro default__adoption_median(expression) %}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}

{% macro duckdb__adoption_median(expression) %}
    median({{ expression }})
{%- endmacro %}

{% macro spark__adoption_median(expression) %}
    percentile({{ expression }}, 0.5)
{%- endmacro %}
