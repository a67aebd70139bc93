{#- Whether an optional raw relation (for example support_tickets) exists.
    At parse time nothing is known, so it returns false; the model then has
    to declare every possible dependency itself. -#}
{% macro adoption_input_exists(table_name) %}
    {%- if not execute -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set relation = adapter.get_relation(
        database=target.database,
        schema=var('adoption__raw_schema'),
        identifier=table_name,
    ) -%}
    {{ return(relation is not none) }}
{% endmacro %}
