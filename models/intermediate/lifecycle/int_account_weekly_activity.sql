{{ config(materialized='table') }}

{# One row per account and lifecycle week: the account's activity in the
    week (Monday to Sunday) and the last day it was active up to the end of
    the week. Rows of an account are consecutive weeks. #}

with

account_weeks as (

    select * from {{ ref('int_account_lifecycle_weeks') }}

),

account_daily as (

    select * from {{ ref('int_account_daily_activity') }}

),

user_daily as (

    select * from {{ ref('int_user_daily_activity') }}

),

account_activity_weekly as (

    select
        account_id,
        {{ adoption_week_start('activity_date') }} as week_start_date,
        count(*) as active_days,
        sum(events) as events,
        max(activity_date) as last_active_date_in_week

    from account_daily

    group by 1, 2

),

users_weekly as (

    select
        account_id,
        {{ adoption_week_start('activity_date') }} as week_start_date,
        count(distinct user_id) as active_users

    from user_daily

    group by 1, 2

),

joined as (

    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        account_weeks.week_end_date,
        account_weeks.created_week_start_date,
        account_weeks.week_start_date = account_weeks.created_week_start_date
            as is_created_week,
        coalesce(account_activity_weekly.active_days, 0) as active_days,
        coalesce(account_activity_weekly.events, 0) as events,
        coalesce(users_weekly.active_users, 0) as active_users,
        account_activity_weekly.last_active_date_in_week

    from account_weeks

    left join account_activity_weekly
        on
            account_weeks.account_id = account_activity_weekly.account_id
            and account_weeks.week_start_date = account_activity_weekly.week_start_date

    left join users_weekly
        on
            account_weeks.account_id = users_weekly.account_id
            and account_weeks.week_start_date = users_weekly.week_start_date

),

with_history as (

    select
        account_id,
        week_start_date,
        week_end_date,
        created_week_start_date,
        is_created_week,
        active_days,
        events,
        active_users,
        max(last_active_date_in_week) over (
            partition by account_id
            order by week_start_date
            rows between unbounded preceding and current row
        ) as last_active_date

    from joined

)

select * from with_history
