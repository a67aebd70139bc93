{#- Fails for each row where the SQL expression is false or null, for
    invariants between the columns of one row. -#}
{% test adoption_expression_is_true(model, expression, where_clause=none) %}
    select *

    from {{ model }}

    where
        not coalesce({{ expression }}, false)
        {%- if where_clause %}
        and ({{ where_clause }})
        {%- endif %}
{% endtest %}
