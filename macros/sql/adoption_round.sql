{#- Round to a number of decimal places, half away from zero, as an 8-byte
    float. Rounding a double directly differs between engines: DuckDB rounds
    the binary value (2.675 gives 2.67), Spark the shortest decimal text
    (2.68), and PostgreSQL has no round(double precision, integer). Going
    through decimal(38, 12) gives 2.68 on all three; it holds values below
    10^26 in absolute size. -#}
{% macro adoption_round(expression, decimal_places) %}
    cast(
        round(cast({{ expression }} as decimal(38, 12)), {{ decimal_places }})
        as {{ adoption_type_double() }}
    )
{%- endmacro %}
