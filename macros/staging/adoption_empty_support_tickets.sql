{#- A typed, empty relation with the columns of a typed support tickets
    staging step, for sources that have no tickets. -#}
{% macro adoption_empty_support_tickets() %}
    select
        cast(null as {{ dbt.type_string() }}) as ticket_id,
        cast(null as {{ dbt.type_string() }}) as account_id,
        cast(null as {{ dbt.type_string() }}) as user_id,
        cast(null as {{ dbt.type_string() }}) as category,
        cast(null as {{ dbt.type_string() }}) as feature,
        cast(null as {{ dbt.type_string() }}) as priority,
        cast(null as {{ dbt.type_timestamp() }}) as opened_at,
        cast(null as {{ dbt.type_timestamp() }}) as closed_at,
        cast(null as {{ dbt.type_string() }}) as opened_at_text,
        cast(null as {{ dbt.type_string() }}) as closed_at_text
    where 1 = 0
{%- endmacro %}
