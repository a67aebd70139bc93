-- Growth accounting: for users and for accounts, the active actors of a
-- week minus those of the week before equal new plus resurrecting minus
-- dormant actors. Every actor active in a week has a row in the next
-- complete week, so a difference means a state was assigned wrongly or a
-- row was lost.

with

summary as (

    select * from {{ ref('fct_lifecycle_weekly_summary') }}

),

previous_weeks as (

    select
        actor_type,
        week_start_date,
        active_actors,
        new_actors,
        resurrecting_actors,
        dormant_actors,
        lag(active_actors) over (
            partition by actor_type order by week_start_date
        ) as previous_active_actors,
        lag(week_start_date) over (
            partition by actor_type order by week_start_date
        ) as previous_week_start_date

    from summary

)

select *

from previous_weeks

where
    previous_week_start_date is not null
    and active_actors - previous_active_actors
    != new_actors + resurrecting_actors - dormant_actors
