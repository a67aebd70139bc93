{#- Select an optional column of a relation, or a typed null when the input
    does not have it, so that optional contract columns can be left out of
    the files. -#}
{% macro adoption_column_or_null(relation, column_name, data_type=none) %}
    {%- set data_type = data_type or dbt.type_string() -%}
    {%- if not execute -%}
        {{- return('cast(null as ' ~ data_type ~ ')') -}}
    {%- endif -%}
    {%- set present = adapter.get_columns_in_relation(relation)
        | map(attribute='name') | map('lower') | list -%}
    {%- if column_name | lower in present -%}
        {{- return(column_name) -}}
    {%- endif -%}
    {{- return('cast(null as ' ~ data_type ~ ')') -}}
{% endmacro %}
