{#- A boolean column of the event catalog, false when the column is absent or
    empty. Text such as "true", "1" or "yes" is accepted as true. -#}
{% macro adoption_catalog_flag(relation, column_name) %}
    coalesce(
        lower({{ adoption_clean_string(adoption_column_or_null(relation, column_name)) }})
        in ('true', 't', '1', 'yes', 'y'),
        false
    )
{%- endmacro %}
