{{ config(materialized='table') }}

{# One row per account, day and catalog feature used that day. Events with
    no feature (unknown names) are not feature use. #}

with

events as (

    select * from {{ ref('int_events_accepted') }}

),

daily as (

    select
        account_id,
        occurred_date as activity_date,
        feature,

        count(*) as events

    from events

    where feature is not null

    group by 1, 2, 3

)

select * from daily
