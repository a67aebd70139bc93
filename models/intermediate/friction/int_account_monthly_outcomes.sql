{# One row per account and calendar month in which it was active: its
    segment, its plan and ARR at the end of the month, and what happened to it in the
    adoption__friction_outcome_days after the month: churn and downgrade.
    Months whose outcome window reaches past the last date churn can be
    observed carry is_outcome_observed = false and no outcome. #}

{% set outcome_days = var('adoption__friction_outcome_days') %}

with

daily_activity as (

    select * from {{ ref('int_account_daily_activity') }}

),

accounts as (

    select * from {{ ref('int_accounts_accepted') }}

),

lifespans as (

    select * from {{ ref('int_account_lifespans') }}

),

subscriptions as (

    select * from {{ ref('int_subscriptions_accepted') }}

),

plan_changes as (

    select * from {{ ref('int_account_plan_changes') }}

),

period as (

    select * from {{ ref('int_reporting_period') }}

),

active_months as (

    select
        account_id,
        cast({{ dbt.date_trunc('month', 'activity_date') }} as date) as period_start_date

    from daily_activity

    group by 1, 2

),

bounded as (

    select
        account_id,
        period_start_date,
        cast({{ dbt.dateadd('month', 1, 'period_start_date') }} as date) as period_end_date

    from active_months

),

month_end_revenue as (

    select
        bounded.account_id,
        bounded.period_start_date,
        sum(subscriptions.mrr) * 12 as arr,
        max(subscriptions.plan) as plan

    from bounded

    inner join subscriptions
        on
            bounded.account_id = subscriptions.account_id
            and bounded.period_end_date > subscriptions.started_on
            and (
                subscriptions.ended_on is null
                or bounded.period_end_date <= subscriptions.ended_on
            )

    group by 1, 2

),

downgrades as (

    select
        bounded.account_id,
        bounded.period_start_date,
        count(*) as downgrades

    from bounded

    inner join plan_changes
        on
            bounded.account_id = plan_changes.account_id
            and plan_changes.change_type = 'downgrade'
            and bounded.period_end_date <= plan_changes.changed_on
            and plan_changes.changed_on
            < {{ dbt.dateadd('day', outcome_days, 'bounded.period_end_date') }}

    group by 1, 2

),

outcomes as (

    select
        bounded.account_id,
        bounded.period_start_date,
        bounded.period_end_date,
        accounts.segment,
        coalesce(month_end_revenue.plan, accounts.plan) as plan,
        coalesce(month_end_revenue.arr, accounts.arr, 0) as arr,

        {{ dbt.dateadd('day', outcome_days, 'bounded.period_end_date') }}
        <= {{ dbt.dateadd('day', 1, 'period.churn_observed_through_date') }}
            as is_outcome_observed,

        lifespans.churned_on is not null
        and lifespans.churned_on >= bounded.period_end_date
        and lifespans.churned_on
        < {{ dbt.dateadd('day', outcome_days, 'bounded.period_end_date') }}
            as churned_in_window,
        coalesce(downgrades.downgrades, 0) > 0 as downgraded_in_window

    from bounded

    cross join period

    inner join accounts
        on bounded.account_id = accounts.account_id

    left join lifespans
        on bounded.account_id = lifespans.account_id

    left join month_end_revenue
        on
            bounded.account_id = month_end_revenue.account_id
            and bounded.period_start_date = month_end_revenue.period_start_date

    left join downgrades
        on
            bounded.account_id = downgrades.account_id
            and bounded.period_start_date = downgrades.period_start_date

    where
        lifespans.churned_on is null
        or lifespans.churned_on >= bounded.period_start_date

),

final as (

    select
        account_id,
        period_start_date,
        period_end_date,
        segment,
        plan,
        arr,
        is_outcome_observed,
        case when is_outcome_observed then churned_in_window end as churned_in_window,
        case when is_outcome_observed then downgraded_in_window end as downgraded_in_window

    from outcomes

)

select * from final
