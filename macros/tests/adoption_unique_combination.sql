{#- Fails for each combination of the given columns that occurs more than
    once: the grain test for models keyed by several columns. -#}
{% test adoption_unique_combination(model, combination_of_columns) %}
    {%- set columns_csv = combination_of_columns | join(', ') -%}

    select
        {{ columns_csv }},
        count(*) as occurrences

    from {{ model }}

    group by {{ columns_csv }}

    having count(*) > 1
{% endtest %}
