{#- The 8-byte floating-point type. dbt.type_float() gives a 4-byte float on
    DuckDB and Spark, which rounds scores visibly. -#}
{% macro adoption_type_double() %}
    {{- return(adapter.dispatch('adoption_type_double', 'adoption_intelligence')()) -}}
{% endmacro %}

{% macro default__adoption_type_double() %}double precision{% endmacro %}

{% macro duckdb__adoption_type_double() %}double{% endmacro %}

{% macro spark__adoption_type_double() %}double{% endmacro %}
