{#- Divide as floating point, returning null when the denominator is zero or
    null, so that no ratio is an integer division and none is infinite. -#}
{% macro adoption_safe_divide(numerator, denominator) %}
    (
        cast({{ numerator }} as {{ adoption_type_double() }})
        / nullif(cast({{ denominator }} as {{ adoption_type_double() }}), 0)
    )
{%- endmacro %}
