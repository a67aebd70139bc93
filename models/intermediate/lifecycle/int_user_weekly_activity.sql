{{ config(materialized='table') }}

{# One row per user and lifecycle week of the user's account, from the
    week the user signed up (int_user_signups), or from the account's first
    week when the user's signup date is earlier: the user's active days and
    events in the week. Rows of a user are consecutive weeks. #}

with

signups as (

    select * from {{ ref('int_user_signups') }}

),

account_weeks as (

    select * from {{ ref('int_account_lifecycle_weeks') }}

),

user_daily as (

    select * from {{ ref('int_user_daily_activity') }}

),

account_first_weeks as (

    select
        account_id,
        min(week_start_date) as first_week_start_date

    from account_weeks

    group by 1

),

user_starts as (

    select
        signups.user_id,
        signups.account_id,
        greatest(
            {{ adoption_week_start('signups.signup_date') }},
            account_first_weeks.first_week_start_date
        ) as created_week_start_date

    from signups

    inner join account_first_weeks
        on signups.account_id = account_first_weeks.account_id

),

user_activity_weekly as (

    select
        user_id,
        {{ adoption_week_start('activity_date') }} as week_start_date,
        count(*) as active_days,
        sum(events) as events

    from user_daily

    group by 1, 2

),

user_weeks as (

    select
        user_starts.user_id,
        user_starts.account_id,
        account_weeks.week_start_date,
        account_weeks.week_end_date,
        user_starts.created_week_start_date,
        account_weeks.week_start_date = user_starts.created_week_start_date
            as is_created_week,
        coalesce(user_activity_weekly.active_days, 0) as active_days,
        coalesce(user_activity_weekly.events, 0) as events

    from user_starts

    inner join account_weeks
        on
            user_starts.account_id = account_weeks.account_id
            and user_starts.created_week_start_date <= account_weeks.week_start_date

    left join user_activity_weekly
        on
            user_starts.user_id = user_activity_weekly.user_id
            and account_weeks.week_start_date = user_activity_weekly.week_start_date

)

select * from user_weeks
