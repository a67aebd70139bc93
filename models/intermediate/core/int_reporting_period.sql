{# The single reporting period of a run: the as-of date and the last week
    that ended by it. Weeks start on Monday and only complete weeks are
    scored, so a partial current week never reads as a drop. #}

{% if var('adoption__as_of_date') %}
{% set as_of_expression = "cast('" ~ var('adoption__as_of_date') ~ "' as date)" %}
{% else %}
{% set as_of_expression = 'max(occurred_date)' %}
{% endif %}

with

events as (

    select occurred_date from {{ ref('int_events_accepted') }}

),

as_of as (

    select
        {{ as_of_expression }} as as_of_date

    from events

),

period as (

    select
        as_of_date,
        cast(
            {{ dbt.dateadd(
                'day', -7,
                adoption_week_start(dbt.dateadd('day', 1, 'as_of_date'))
            ) }} as date
        ) as last_complete_week_start_date

    from as_of

)

select * from period
