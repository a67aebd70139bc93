{# One row per account, week and number of active days in the trailing
    window (1 to adoption__feature_window_days): how many of the account's
    users were active on exactly that many days. Numbers of days that no
    user had are left out, so a missing row means zero users. #}

with

user_windows as (

    select * from {{ ref('int_user_active_days_28d') }}

),

histogram as (

    select
        account_id,
        week_start_date,
        active_days_28d,
        count(*) as user_count

    from user_windows

    group by 1, 2, 3

)

select * from histogram
