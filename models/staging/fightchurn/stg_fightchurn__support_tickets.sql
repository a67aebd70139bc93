{# The simulator records no support tickets; the ticket measure of the
    health score therefore counts as missing for this source format. #}

with

typed as (

    {{ adoption_empty_support_tickets() }}

),

checked as (

    select
        ticket_id,
        account_id,
        user_id,
        category,
        feature,
        priority,
        opened_at,
        closed_at,
        cast(null as {{ dbt.type_string() }}) as invalid_reason

    from typed

)

select * from checked
