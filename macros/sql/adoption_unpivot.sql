{#- Turn columns into rows: one row per key and listed column, with the
    column's name and its value. The value columns must share one type. -#}
{% macro adoption_unpivot(relation, key_columns, value_columns, name_column='name', value_column='value') %}
    {%- if not value_columns -%}
        {{ exceptions.raise_compiler_error("adoption_unpivot needs at least one value column.") }}
    {%- endif -%}
    {%- for column in value_columns %}
    select
        {%- for key in key_columns %}
        {{ key }},
        {%- endfor %}
        '{{ column }}' as {{ name_column }},
        {{ column }} as {{ value_column }}
    from {{ relation }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
