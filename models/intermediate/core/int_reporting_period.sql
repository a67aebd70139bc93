{# The single reporting period of a run: the as-of date and the last week
    that ended by it. Weeks start on Monday and only complete weeks are
    scored, so a partial current week never reads as a drop. #}

with

events as (

    select occurred_date from {{ ref('int_events_accepted') }}

),

as_of as (

    select
        {% if var('adoption__as_of_date') -%}
        cast('{{ var("adoption__as_of_date") }}' as date)
        {%- else -%}
            max(occurred_date)
        {%- endif %} as as_of_date

    from events

),

period as (

    select
        as_of_date,
        cast(
            {{ dbt.dateadd(
                'day', -7,
                dbt.date_trunc('week', dbt.dateadd('day', 1, 'as_of_date'))
            ) }} as date
        ) as last_complete_week_start_date

    from as_of

)

select * from period
