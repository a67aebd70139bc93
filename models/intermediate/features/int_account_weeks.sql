{# A table, not a view: int_account_weekly_features reads it seven times,
    and Spark plans a view again at every read. #}
{{ config(materialized='table') }}

{# One row per account and week (weeks start on Monday), from the week the
    account was created to the last complete week, or to the week it churned.
    Each week carries the bounds of the trailing window its measures use:
    the window ends where the week ends. #}

{%- set window_days = var('adoption__feature_window_days') -%}

with

lifespans as (

    select * from {{ ref('int_account_lifespans') }}

),

period as (

    select * from {{ ref('int_reporting_period') }}

),

weeks as (

    {{ adoption_week_spine(
        "(select min(" ~ adoption_week_start('created_date') ~ ") from "
            ~ ref('int_account_lifespans') ~ ")",
        "(select " ~ dbt.dateadd('week', 1, 'max(last_complete_week_start_date)')
            ~ " from " ~ ref('int_reporting_period') ~ ")"
    ) }}

),

account_weeks as (

    select
        lifespans.account_id,
        cast(weeks.date_week as date) as week_start_date

    from lifespans

    cross join period

    inner join weeks
        on
            cast(weeks.date_week as date)
            >= {{ adoption_week_start('lifespans.created_date') }}
            and cast(weeks.date_week as date) <= period.last_complete_week_start_date
            and (
                lifespans.churned_on is null
                or cast(weeks.date_week as date)
                <= {{ adoption_week_start('lifespans.churned_on') }}
            )

),

bounded as (

    select
        account_id,
        week_start_date,
        cast({{ dbt.dateadd('day', 7, 'week_start_date') }} as date) as week_end_date,
        cast({{ dbt.dateadd('day', 7 - window_days, 'week_start_date') }} as date)
            as window_start_date,
        cast({{ dbt.dateadd('day', 7 - 2 * window_days, 'week_start_date') }} as date)
            as previous_window_start_date

    from account_weeks

)

select * from bounded
