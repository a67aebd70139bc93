{#- Quote a Jinja value as a SQL string literal, doubling single quotes. -#}
{% macro adoption_sql_string(value) %}
    {{- return("'" ~ (value | string | replace("'", "''")) ~ "'") -}}
{% endmacro %}
