{#- Cast to text, trim, and turn empty text into null, so that an empty
    identifier is treated as missing. -#}
{% macro adoption_clean_string(expression) %}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}
