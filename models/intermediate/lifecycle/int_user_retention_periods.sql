{{ config(materialized='table') }}

{# One row per user and month since the user's signup that has ended by
    the as-of date, with whether the user had an accepted event in it.
    Periods are counted from the user's own signup date (int_user_signups),
    like int_account_retention_periods. #}

{%- set max_months = var('adoption__cohort_max_months') -%}

with

signups as (

    select * from {{ ref('int_user_signups') }}

),

period as (

    select * from {{ ref('int_lifecycle_period') }}

),

user_daily as (

    select * from {{ ref('int_user_daily_activity') }}

),

month_offsets as (

    select generated_number - 1 as months_since_signup

    from ({{ dbt.generate_series(max_months + 1) }}) as series

),

periods as (

    select
        signups.user_id,
        signups.signup_date,
        month_offsets.months_since_signup,
        cast({{ dbt.dateadd(
            'month', 'month_offsets.months_since_signup', 'signups.signup_date'
        ) }} as date) as period_start_date,
        cast({{ dbt.dateadd(
            'month', 'month_offsets.months_since_signup + 1', 'signups.signup_date'
        ) }} as date) as period_end_date,
        period.as_of_date

    from signups

    cross join month_offsets

    cross join period

),

complete_periods as (

    select *

    from periods

    where period_end_date <= {{ dbt.dateadd('day', 1, 'as_of_date') }}

),

activity_in_period as (

    select
        complete_periods.user_id,
        complete_periods.months_since_signup,
        count(*) as active_days

    from complete_periods

    inner join user_daily
        on
            complete_periods.user_id = user_daily.user_id
            and complete_periods.period_start_date <= user_daily.activity_date
            and complete_periods.period_end_date > user_daily.activity_date

    group by 1, 2

),

final as (

    select
        -- grain
        complete_periods.user_id,
        complete_periods.months_since_signup,

        -- period
        cast({{ dbt.date_trunc('month', 'complete_periods.signup_date') }} as date)
            as cohort_month,
        complete_periods.period_start_date,
        complete_periods.period_end_date,

        -- activity
        coalesce(activity_in_period.active_days, 0) > 0 as is_active

    from complete_periods

    left join activity_in_period
        on
            complete_periods.user_id = activity_in_period.user_id
            and complete_periods.months_since_signup = activity_in_period.months_since_signup

)

select * from final
