{# One row per user and week, from the week the user was created: the
    user's lifecycle state (adoption_lifecycle_state) from its active days
    this week and the week before. #}

with

user_weeks as (

    select * from {{ ref('int_user_weekly_activity') }}

),

{# Rows of an actor are consecutive weeks, so the previous row is the
    previous week. The first row, the week of creation, has none. #}
with_previous as (

    select
        *,
        lag(active_days) over (
            partition by user_id order by week_start_date
        ) as previous_active_days

    from user_weeks

),

stated as (

    select
        *,
        {{ adoption_lifecycle_state(
            'active_days', 'previous_active_days', 'is_created_week'
        ) }} as lifecycle_state,
        sum(case when active_days > 0 then 1 else 0 end) over (
            partition by user_id
            order by week_start_date
            rows between unbounded preceding and current row
        ) as active_weeks_to_date

    from with_previous

),

final as (

    select
        -- grain
        user_id,
        week_start_date,

        -- context
        account_id,
        week_end_date,
        created_week_start_date,

        -- state
        lifecycle_state,
        active_days > 0 and active_weeks_to_date = 1 as is_first_active_week,

        -- activity
        active_days,
        previous_active_days,
        events

    from stated

)

select * from final
