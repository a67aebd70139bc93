-- Weeks start on Monday on every engine, and the weeks between two dates
-- are the days between their weeks' Mondays divided by 7: a Sunday and the
-- next day are one week apart, a Monday and the next Sunday none.

with

cases as (

    select
        cast('2025-03-09' as date) as start_date,
        cast('2025-03-10' as date) as end_date,
        cast('2025-03-03' as date) as expected_week_start_date,
        1 as expected_weeks_between

    union all

    select
        cast('2025-03-10' as date) as start_date,
        cast('2025-03-16' as date) as end_date,
        cast('2025-03-10' as date) as expected_week_start_date,
        0 as expected_weeks_between

    union all

    select
        cast('2025-01-01' as date) as start_date,
        cast('2025-03-05' as date) as end_date,
        cast('2024-12-30' as date) as expected_week_start_date,
        9 as expected_weeks_between

    union all

    select
        cast('2025-03-10' as date) as start_date,
        cast('2025-03-09' as date) as end_date,
        cast('2025-03-10' as date) as expected_week_start_date,
        -1 as expected_weeks_between

),

computed as (

    select
        *,
        {{ adoption_week_start('start_date') }} as week_start_date,
        {{ adoption_weeks_between('start_date', 'end_date') }} as weeks_between

    from cases

)

select *

from computed

where
    week_start_date != expected_week_start_date
    or weeks_between != expected_weeks_between
