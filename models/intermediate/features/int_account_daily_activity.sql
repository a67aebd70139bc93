{{ config(materialized='table') }}

{# One row per account and day with at least one accepted event: the daily
    counts that every trailing-window measure sums. #}

with

events as (

    select * from {{ ref('int_events_accepted') }}

),

daily as (

    select
        account_id,
        occurred_date as activity_date,

        count(*) as events,
        count(distinct user_id) as active_users,
        sum(case when is_key_action then 1 else 0 end) as key_actions,
        sum(case when outcome = 'failure' then 1 else 0 end) as failures,
        sum(case when journey_stage = 'collaboration' then 1 else 0 end)
            as collaboration_events,
        sum(case when is_integration then 1 else 0 end) as integration_events,
        sum(case when is_help_seeking then 1 else 0 end) as help_events

    from events

    group by 1, 2

)

select * from daily
