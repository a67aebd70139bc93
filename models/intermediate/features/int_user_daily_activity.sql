{{ config(materialized='table') }}

{# One row per user and day with at least one accepted event. #}

with

events as (

    select * from {{ ref('int_events_accepted') }}

),

daily as (

    select
        account_id,
        user_id,
        occurred_date as activity_date,

        count(*) as events,
        sum(case when is_key_action then 1 else 0 end) as key_actions

    from events

    group by 1, 2, 3

)

select * from daily
