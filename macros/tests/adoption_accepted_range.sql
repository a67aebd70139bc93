{#- Fails for each row whose value lies outside [min_value, max_value]
    (or the open range when inclusive is false). Nulls pass; test them with
    not_null. -#}
{% test adoption_accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
    {%- if min_value is none and max_value is none -%}
        {{ exceptions.raise_compiler_error(
            "adoption_accepted_range on " ~ column_name
            ~ " needs min_value, max_value or both."
        ) }}
    {%- endif -%}
    {%- set lower_operator = '>=' if inclusive else '>' -%}
    {%- set upper_operator = '<=' if inclusive else '<' -%}

    select *

    from {{ model }}

    where
        {{ column_name }} is not null
        and not (
            true
            {%- if min_value is not none %}
            and {{ column_name }} {{ lower_operator }} {{ min_value }}
            {%- endif %}
            {%- if max_value is not none %}
            and {{ column_name }} {{ upper_operator }} {{ max_value }}
            {%- endif %}
        )
{% endtest %}
