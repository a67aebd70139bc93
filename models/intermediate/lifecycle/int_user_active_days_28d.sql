{{ config(materialized='table') }}

{# One row per user, account and week in which the user was active in the
    account's trailing window (adoption__feature_window_days, the window of
    int_account_weeks): the number of days the user was active in it. #}

with

account_weeks as (

    select * from {{ ref('int_account_weeks') }}

),

user_daily as (

    select * from {{ ref('int_user_daily_activity') }}

),

windowed as (

    select
        user_daily.user_id,
        account_weeks.week_start_date,
        account_weeks.account_id,
        count(*) as active_days_28d

    from account_weeks

    inner join user_daily
        on
            account_weeks.account_id = user_daily.account_id
            and account_weeks.window_start_date <= user_daily.activity_date
            and account_weeks.week_end_date > user_daily.activity_date

    group by 1, 2, 3

)

select * from windowed
