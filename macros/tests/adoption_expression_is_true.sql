{#- Fails for each row where the SQL expression is false or null, for
    invariants between the columns of one row, whether declared on the model
    or on a column (column_name is then unused). Narrow the rows with the
    test's standard `where` config. -#}
{% test adoption_expression_is_true(model, expression, column_name=none) %}
    select *

    from {{ model }}

    where not coalesce({{ expression }}, false)
{% endtest %}
