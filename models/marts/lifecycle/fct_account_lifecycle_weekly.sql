{# One row per account and week, from the week the account was created:
    the account's lifecycle state (adoption_lifecycle_state) from its active
    days this week and the week before. An account is active on a day when
    any of its users has an accepted event. #}

with

account_weeks as (

    select * from {{ ref('int_account_weekly_activity') }}

),

{# Rows of an actor are consecutive weeks, so the previous row is the
    previous week. The first row, the week of creation, has none. #}
with_previous as (

    select
        *,
        lag(active_days) over (
            partition by account_id order by week_start_date
        ) as previous_active_days

    from account_weeks

),

stated as (

    select
        *,
        {{ adoption_lifecycle_state(
            'active_days', 'previous_active_days', 'is_created_week'
        ) }} as lifecycle_state,
        sum(case when active_days > 0 then 1 else 0 end) over (
            partition by account_id
            order by week_start_date
            rows between unbounded preceding and current row
        ) as active_weeks_to_date

    from with_previous

),

final as (

    select
        -- grain
        account_id,
        week_start_date,

        -- context
        week_end_date,
        created_week_start_date,

        -- state
        lifecycle_state,
        active_days > 0 and active_weeks_to_date = 1 as is_first_active_week,

        -- activity
        active_days,
        previous_active_days,
        events,
        active_users,
        last_active_date

    from stated

)

select * from final
