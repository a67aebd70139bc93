{# One row per actor type (user, account) and week: how many actors were
    in each lifecycle state. Growth accounting holds week over week: active
    actors this week minus last week equals new plus resurrecting minus
    dormant, which a singular test checks. #}

with

users as (

    select * from {{ ref('fct_user_lifecycle_weekly') }}

),

accounts as (

    select * from {{ ref('fct_account_lifecycle_weekly') }}

),

actor_weeks as (

    select
        'user' as actor_type,
        week_start_date,
        lifecycle_state
    from users

    union all

    select
        'account' as actor_type,
        week_start_date,
        lifecycle_state
    from accounts

),

counted as (

    select
        actor_type,
        week_start_date,

        sum(case when lifecycle_state = 'new' then 1 else 0 end) as new_actors,
        sum(case when lifecycle_state = 'returning_growing' then 1 else 0 end)
            as returning_growing_actors,
        sum(case when lifecycle_state = 'returning_declining' then 1 else 0 end)
            as returning_declining_actors,
        sum(case when lifecycle_state = 'resurrecting' then 1 else 0 end)
            as resurrecting_actors,
        sum(case when lifecycle_state = 'dormant' then 1 else 0 end) as dormant_actors,
        sum(case when lifecycle_state = 'inactive' then 1 else 0 end) as inactive_actors,
        count(*) as tracked_actors

    from actor_weeks

    group by 1, 2

),

final as (

    select
        -- grain
        actor_type,
        week_start_date,

        -- states
        new_actors,
        returning_growing_actors + returning_declining_actors as returning_actors,
        returning_growing_actors,
        returning_declining_actors,
        resurrecting_actors,
        dormant_actors,
        inactive_actors,

        -- totals
        new_actors + returning_growing_actors + returning_declining_actors
        + resurrecting_actors as active_actors,
        tracked_actors,

        {# The growth accounting quick ratio: actors gained per actor lost. #}
        {{ adoption_safe_divide('new_actors + resurrecting_actors', 'dormant_actors') }}
            as quick_ratio

    from counted

)

select * from final
