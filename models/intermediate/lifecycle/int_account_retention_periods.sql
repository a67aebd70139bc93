{{ config(materialized='table') }}

{# One row per account and month since its signup that has ended by the
    as-of date. Period k runs from k months after the account's creation
    date up to the day before k + 1 months after it, so an account created
    mid-month is measured from its own signup day. Each period says whether
    the account had an accepted event in it and, when the subscription data
    is complete through the period's last day, the ARR running on that day
    against the ARR running on the day the first subscription started. #}

{%- set max_months = var('adoption__cohort_max_months') -%}

with

lifespans as (

    select * from {{ ref('int_account_lifespans') }}

),

period as (

    select * from {{ ref('int_lifecycle_period') }}

),

account_daily as (

    select * from {{ ref('int_account_daily_activity') }}

),

subscriptions as (

    select * from {{ ref('int_subscriptions_accepted') }}

),

month_offsets as (

    select generated_number - 1 as months_since_signup

    from ({{ dbt.generate_series(max_months + 1) }}) as series

),

periods as (

    select
        lifespans.account_id,
        lifespans.created_date,
        lifespans.first_started_on,
        month_offsets.months_since_signup,
        cast({{ dbt.dateadd(
            'month', 'month_offsets.months_since_signup', 'lifespans.created_date'
        ) }} as date) as period_start_date,
        cast({{ dbt.dateadd(
            'month', 'month_offsets.months_since_signup + 1', 'lifespans.created_date'
        ) }} as date) as period_end_date,
        period.as_of_date,
        period.subscriptions_complete_through

    from lifespans

    cross join month_offsets

    cross join period

),

complete_periods as (

    select
        *,
        cast({{ dbt.dateadd('day', -1, 'period_end_date') }} as date) as period_last_date

    from periods

    where period_end_date <= {{ dbt.dateadd('day', 1, 'as_of_date') }}

),

activity_in_period as (

    select
        complete_periods.account_id,
        complete_periods.months_since_signup,
        count(*) as active_days

    from complete_periods

    inner join account_daily
        on
            complete_periods.account_id = account_daily.account_id
            and complete_periods.period_start_date <= account_daily.activity_date
            and complete_periods.period_end_date > account_daily.activity_date

    group by 1, 2

),

arr_at_period_end as (

    select
        complete_periods.account_id,
        complete_periods.months_since_signup,
        sum(subscriptions.mrr) * 12 as arr

    from complete_periods

    inner join subscriptions
        on
            complete_periods.account_id = subscriptions.account_id
            and complete_periods.period_last_date >= subscriptions.started_on
            and (
                subscriptions.ended_on is null
                or complete_periods.period_last_date < subscriptions.ended_on
            )

    group by 1, 2

),

starting_arr as (

    select
        lifespans.account_id,
        sum(subscriptions.mrr) * 12 as arr

    from lifespans

    inner join subscriptions
        on
            lifespans.account_id = subscriptions.account_id
            and lifespans.first_started_on >= subscriptions.started_on
            and (
                subscriptions.ended_on is null
                or lifespans.first_started_on < subscriptions.ended_on
            )

    group by 1

),

final as (

    select
        -- grain
        complete_periods.account_id,
        complete_periods.months_since_signup,

        -- period
        cast({{ dbt.date_trunc('month', 'complete_periods.created_date') }} as date)
            as cohort_month,
        complete_periods.period_start_date,
        complete_periods.period_end_date,

        -- activity
        coalesce(activity_in_period.active_days, 0) > 0 as is_active,

        -- subscriptions, known only when the data covers the period's last
        -- day and the first subscription had started by then
        complete_periods.period_last_date <= complete_periods.subscriptions_complete_through
        and complete_periods.period_last_date >= complete_periods.first_started_on
            as is_subscription_observed,
        starting_arr.arr as starting_arr,
        coalesce(arr_at_period_end.arr, 0) as period_end_arr,
        arr_at_period_end.account_id is not null as has_running_subscription

    from complete_periods

    left join activity_in_period
        on
            complete_periods.account_id = activity_in_period.account_id
            and complete_periods.months_since_signup = activity_in_period.months_since_signup

    left join arr_at_period_end
        on
            complete_periods.account_id = arr_at_period_end.account_id
            and complete_periods.months_since_signup = arr_at_period_end.months_since_signup

    left join starting_arr
        on complete_periods.account_id = starting_arr.account_id

)

select * from final
