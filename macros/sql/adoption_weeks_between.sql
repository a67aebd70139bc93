{#- Whole weeks from the week of start_expression to the week of
    end_expression: the days between their Mondays divided by 7. dbt.datediff
    with 'week' is not used, because engines count Sunday boundaries or
    partial weeks differently. -#}
{% macro adoption_weeks_between(start_expression, end_expression) %}
    cast(
        {{ dbt.datediff(
            adoption_week_start(start_expression),
            adoption_week_start(end_expression),
            'day'
        ) }} / 7
        as {{ dbt.type_int() }}
    )
{%- endmacro %}
