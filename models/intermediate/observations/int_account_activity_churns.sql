{{ config(materialized='table') }}

{# One row per account and activity churn: a run of at least
    adoption__label_window_days days without an accepted event, after an
    active day. The account churns on the first silent day. A silence that
    lasts past the label horizon is cut there, because the data after it is
    not trusted to show churn. #}

{%- set window_days = var('adoption__label_window_days') -%}

with

account_daily as (

    select * from {{ ref('int_account_daily_activity') }}

),

period as (

    select * from {{ ref('int_reporting_period') }}

),

horizon as (

    select {{ adoption_label_horizon('as_of_date') }} as label_horizon_date

    from period

),

next_active_days as (

    select
        account_id,
        activity_date,
        lead(activity_date) over (
            partition by account_id order by activity_date
        ) as next_activity_date

    from account_daily

),

silences as (

    select
        next_active_days.account_id,
        next_active_days.activity_date as last_active_date,
        cast({{ dbt.dateadd('day', 1, 'next_active_days.activity_date') }} as date)
            as churned_on,
        next_active_days.next_activity_date as returned_on,
        case
            when
                next_active_days.next_activity_date is null
                or next_active_days.next_activity_date > horizon.label_horizon_date
                then horizon.label_horizon_date
            else cast(
                {{ dbt.dateadd('day', -1, 'next_active_days.next_activity_date') }} as date
            )
        end as silence_end_date

    from next_active_days

    cross join horizon

    where next_active_days.activity_date < horizon.label_horizon_date

),

measured as (

    select
        *,
        {{ dbt.datediff(
            'churned_on', 'silence_end_date', 'day'
        ) }} + 1 as silent_days

    from silences

),

churns as (

    select
        account_id,
        last_active_date,
        churned_on,
        silence_end_date,
        returned_on

    from measured

    where silent_days >= {{ window_days }}

)

select * from churns
