{# One row per account and complete week: stickiness and time spent over
    the trailing window (adoption__feature_window_days, 28 by default).
    DAU/MAU is the average number of daily active users over the days of
    the window the account existed, divided by the distinct users active in
    the window. It is null, never zero over zero, when nobody was active.
    Time spent comes from sessions (int_sessions, int_session_days). #}

with

account_weeks as (

    select * from {{ ref('int_account_weeks') }}

),

lifespans as (

    select * from {{ ref('int_account_lifespans') }}

),

user_windows as (

    select * from {{ ref('int_user_active_days_28d') }}

),

daily_active_time as (

    select * from {{ ref('int_account_daily_active_time') }}

),

sessions as (

    select * from {{ ref('int_sessions') }}

),

users_in_window as (

    select
        account_id,
        week_start_date,

        count(*) as monthly_active_users,
        sum(active_days_28d) as user_active_days_28d,
        sum(case
            when active_days_28d >= {{ var('adoption__power_user_min_active_days') }}
                then 1
            else 0
        end) as power_users

    from user_windows

    group by 1, 2

),

time_in_window as (

    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        sum(daily_active_time.active_seconds) as active_seconds_28d

    from account_weeks

    inner join daily_active_time
        on
            account_weeks.account_id = daily_active_time.account_id
            and account_weeks.window_start_date <= daily_active_time.activity_date
            and account_weeks.week_end_date > daily_active_time.activity_date

    group by 1, 2

),

sessions_in_window as (

    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        count(*) as sessions_28d,
        sum(sessions.duration_seconds) as session_seconds_28d

    from account_weeks

    inner join sessions
        on
            account_weeks.account_id = sessions.account_id
            and account_weeks.window_start_date <= sessions.session_start_date
            and account_weeks.week_end_date > sessions.session_start_date

    group by 1, 2

),

joined as (

    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        account_weeks.week_end_date,
        {# Days of the window on or after the account's creation, so that an
            account created inside the window is not diluted by days before
            it existed. #}
        {{ dbt.datediff(
            'greatest(account_weeks.window_start_date, lifespans.created_date)',
            'account_weeks.week_end_date',
            'day'
        ) }} as observed_days_28d,
        coalesce(users_in_window.monthly_active_users, 0) as monthly_active_users,
        coalesce(users_in_window.user_active_days_28d, 0) as user_active_days_28d,
        coalesce(users_in_window.power_users, 0) as power_users,
        coalesce(sessions_in_window.sessions_28d, 0) as sessions_28d,
        coalesce(sessions_in_window.session_seconds_28d, 0) as session_seconds_28d,
        coalesce(time_in_window.active_seconds_28d, 0) as active_seconds_28d

    from account_weeks

    inner join lifespans
        on account_weeks.account_id = lifespans.account_id

    left join users_in_window
        on
            account_weeks.account_id = users_in_window.account_id
            and account_weeks.week_start_date = users_in_window.week_start_date

    left join sessions_in_window
        on
            account_weeks.account_id = sessions_in_window.account_id
            and account_weeks.week_start_date = sessions_in_window.week_start_date

    left join time_in_window
        on
            account_weeks.account_id = time_in_window.account_id
            and account_weeks.week_start_date = time_in_window.week_start_date

),

derived as (

    select
        *,
        monthly_active_users > 0 as has_active_users_28d,
        {{ adoption_safe_divide('user_active_days_28d', 'observed_days_28d') }}
            as average_daily_active_users

    from joined

),

final as (

    select
        -- grain
        account_id,
        week_start_date,
        week_end_date,

        -- stickiness
        has_active_users_28d,
        observed_days_28d,
        user_active_days_28d,
        average_daily_active_users,
        monthly_active_users,
        {{ adoption_safe_divide('average_daily_active_users', 'monthly_active_users') }}
            as dau_mau_ratio,
        power_users,
        {{ adoption_safe_divide('power_users', 'monthly_active_users') }}
            as power_user_share,

        -- time spent
        sessions_28d,
        active_seconds_28d,
        {{ adoption_safe_divide('active_seconds_28d', 'monthly_active_users') }} / 60
            as active_minutes_per_active_user_28d,
        {{ adoption_safe_divide('session_seconds_28d', 'sessions_28d') }} / 60
            as average_session_minutes_28d

    from derived

)

select * from final
