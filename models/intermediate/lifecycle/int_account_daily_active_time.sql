{{ config(materialized='table') }}

{# One row per account and day that some session touches: the time its
    users spent in sessions that day, from int_session_days. #}

with

session_days as (

    select * from {{ ref('int_session_days') }}

),

daily as (

    select
        account_id,
        activity_date,

        count(*) as sessions,
        count(distinct user_id) as session_users,
        sum(active_seconds) as active_seconds

    from session_days

    group by 1, 2

)

select * from daily
