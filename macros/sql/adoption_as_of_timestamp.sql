{#- The end of the reporting date as a timestamp when adoption__as_of_date is
    set, otherwise the current time. Used only to judge events that have no
    receipt time. -#}
{% macro adoption_as_of_timestamp() %}
    {%- set as_of_date = var('adoption__as_of_date') -%}
    {%- if as_of_date -%}
        {{- return(dbt.dateadd('day', 1, "cast('" ~ as_of_date ~ "' as date)")) -}}
    {%- endif -%}
    {{- return(dbt.current_timestamp()) -}}
{% endmacro %}
