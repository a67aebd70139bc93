{#- Reference the staging model of an entity for the chosen source format,
    so that everything downstream is the same for every format. -#}
{% macro adoption_staging_ref(entity) %}
    {%- set source_format = var('adoption__source_format') -%}
    {%- do adoption_input_tables(source_format) -%}
    {{- return(ref('stg_' ~ source_format ~ '__' ~ entity)) -}}
{% endmacro %}
