-- The accounts whose health score fell most in the latest scored week, each
-- with the three measures whose contributions fell most. Compile it with
-- `dbt compile --select largest_score_drops_and_their_drivers` and run the
-- SQL from target/compiled against the marts.

with

drivers as (

    select * from {{ ref('fct_account_health_drivers') }}

),

latest_week as (

    select max(week_start_date) as week_start_date

    from drivers

    where score_change_1w is not null

),

drops as (

    select
        drivers.account_id,
        drivers.week_start_date,
        drivers.health_score,
        drivers.score_change_1w,
        drivers.measure_name,
        drivers.measure_value,
        drivers.contribution_points,
        drivers.contribution_change_1w,
        drivers.change_rank

    from drivers

    inner join latest_week
        on drivers.week_start_date = latest_week.week_start_date

    where
        drivers.score_change_1w < 0
        and drivers.change_rank <= 3

)

select * from drops

order by 4, 1, 9
