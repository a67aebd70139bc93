{# The single reporting period of a run: the as-of date, the last week
    that ended by it, and the last date churn can be observed on (the as-of
    date, or adoption__subscriptions_complete_through when that is earlier).
    Weeks start on Monday and only complete weeks are scored, so a partial
    current week never reads as a drop. #}

{% set complete_through = var('adoption__subscriptions_complete_through') %}
{% if complete_through %}
{% set churn_cutoff_expression =
    "least(as_of_date, cast('" ~ complete_through ~ "' as date))" %}
{% else %}
{% set churn_cutoff_expression = 'as_of_date' %}
{% endif %}

{% if var('adoption__as_of_date') %}
{% set as_of_expression = "max(cast('" ~ var('adoption__as_of_date') ~ "' as date))" %}
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
        ) as last_complete_week_start_date,
        {{ churn_cutoff_expression }} as churn_observed_through_date

    from as_of

)

select * from period
