{{ config(materialized='table') }}

{# One row per account, week and usage limit of the plan the account is on
    at the end of the week (seed plan_usage_limits): the limited events in
    the trailing window against the limit, scaled from the limit's period
    to the window (usage_limit × window days / limit_period_days). An empty
    limit is unlimited. A limit of 0 means the plan does not include the
    event, so any use of it counts as near the limit. #}

{%- set window_days = var('adoption__feature_window_days') -%}
{%- set near_share = var('adoption__upsell_near_limit_share') -%}

with

account_weeks as (

    select * from {{ ref('int_account_weeks') }}

),

subscriptions_weekly as (

    select * from {{ ref('int_account_subscriptions_weekly') }}

),

limits as (

    select * from {{ ref('plan_usage_limits') }}

),

events as (

    select * from {{ ref('int_events_accepted') }}

),

limited_event_names as (

    select distinct event_name

    from limits

),

limited_daily as (

    select
        events.account_id,
        events.occurred_date as activity_date,
        events.event_name,
        count(*) as events

    from events

    inner join limited_event_names
        on events.event_name = limited_event_names.event_name

    group by 1, 2, 3

),

plan_limits as (

    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        account_weeks.window_start_date,
        account_weeks.week_end_date,
        subscriptions_weekly.plan,
        limits.event_name,
        limits.usage_limit,
        limits.limit_period_days,
        {{ adoption_safe_divide(
            'limits.usage_limit * ' ~ window_days, 'limits.limit_period_days'
        ) }} as window_limit

    from account_weeks

    inner join subscriptions_weekly
        on
            account_weeks.account_id = subscriptions_weekly.account_id
            and account_weeks.week_start_date = subscriptions_weekly.week_start_date

    inner join limits
        on subscriptions_weekly.plan = limits.plan

),

usage as (

    select
        plan_limits.account_id,
        plan_limits.week_start_date,
        plan_limits.event_name,
        sum(limited_daily.events) as events_28d

    from plan_limits

    inner join limited_daily
        on
            plan_limits.account_id = limited_daily.account_id
            and plan_limits.event_name = limited_daily.event_name
            and plan_limits.window_start_date <= limited_daily.activity_date
            and plan_limits.week_end_date > limited_daily.activity_date

    group by 1, 2, 3

),

measured as (

    select
        plan_limits.account_id,
        plan_limits.week_start_date,
        plan_limits.event_name,
        plan_limits.plan,
        plan_limits.usage_limit,
        plan_limits.limit_period_days,
        plan_limits.window_limit,
        coalesce(usage.events_28d, 0) as events_28d,
        {{ adoption_safe_divide('coalesce(usage.events_28d, 0)', 'plan_limits.window_limit') }}
            as limit_usage_share,
        coalesce(
            coalesce(usage.events_28d, 0) > 0
            and coalesce(usage.events_28d, 0) >= {{ near_share }} * plan_limits.window_limit,
            false
        ) as is_near_limit

    from plan_limits

    left join usage
        on
            plan_limits.account_id = usage.account_id
            and plan_limits.week_start_date = usage.week_start_date
            and plan_limits.event_name = usage.event_name

)

select * from measured
