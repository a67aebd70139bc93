-- The five frictions to fix first: the frictions whose affected accounts
-- churned most beyond the other accounts over the recent months with a
-- complete outcome window, with the accounts and revenue they touch now.
-- Compile with `dbt compile -s frictions_to_fix_first` and run the SQL in
-- target/compiled, or paste it into a BI tool.

with

priorities as (

    select * from {{ ref('fct_friction_priorities') }}

),

latest_month as (

    select max(period_start_date) as period_start_date

    from {{ ref('fct_friction_points') }}

),

latest_reach as (

    select
        friction_points.feature,
        friction_points.friction_kind,
        friction_points.accounts_affected as accounts_affected_latest_month,
        friction_points.arr_affected as arr_affected_latest_month

    from {{ ref('fct_friction_points') }} as friction_points

    inner join latest_month
        on friction_points.period_start_date = latest_month.period_start_date

),

top_five as (

    select
        priorities.priority_rank,
        priorities.feature,
        priorities.friction_kind,
        priorities.journey_stage,
        priorities.excess_churned_arr,
        priorities.pooled_churn_odds_ratio,
        priorities.peak_monthly_accounts_affected,
        latest_reach.accounts_affected_latest_month,
        latest_reach.arr_affected_latest_month

    from priorities

    left join latest_reach
        on
            priorities.feature = latest_reach.feature
            and priorities.friction_kind = latest_reach.friction_kind

    where priorities.priority_rank <= 5

)

select * from top_five

order by 1
