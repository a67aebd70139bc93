{# One row per accepted user that has a signup date: created_at, or the
    user's first active day when created_at is missing. A user with
    neither has never been active and is left out. #}

with

users as (

    select * from {{ ref('int_users_accepted') }}

),

user_daily as (

    select * from {{ ref('int_user_daily_activity') }}

),

first_activity as (

    select
        user_id,
        min(activity_date) as first_active_date

    from user_daily

    group by 1

),

signups as (

    select
        users.user_id,
        users.account_id,
        coalesce(cast(users.created_at as date), first_activity.first_active_date)
            as signup_date

    from users

    left join first_activity
        on users.user_id = first_activity.user_id

    where coalesce(cast(users.created_at as date), first_activity.first_active_date) is not null

)

select * from signups
