{{ config(materialized='table') }}

{# Accepted events, one row per event, with the catalog's meaning of each
    event. Names missing from the catalog stay, as neutral events with no
    feature, and are counted by dq_unknown_event_names. #}

with

events as (

    select * from {{ ref('int_events_validated') }}

),

catalog as (

    select * from {{ ref('stg_catalog__event_catalog') }}

),

accepted as (

    select
        -- ids
        events.event_id,
        events.account_id,
        events.user_id,

        -- event and its catalog meaning
        events.event_name,
        events.properties,
        catalog.feature,
        catalog.journey_stage,
        catalog.outcome,
        catalog.flow_name,
        catalog.flow_step,
        coalesce(catalog.signal, 'neutral') as signal,
        coalesce(catalog.is_key_action, false) as is_key_action,
        coalesce(catalog.is_integration, false) as is_integration,
        coalesce(catalog.is_naturally_repeated, false) as is_naturally_repeated,
        coalesce(catalog.is_help_seeking, false) as is_help_seeking,
        catalog.event_name is not null as is_known_event,

        -- timestamps
        events.occurred_at,
        events.received_at,
        cast(events.occurred_at as date) as occurred_date

    from events

    left join catalog
        on events.event_name = catalog.event_name

    where
        events.rejection_reason is null
        and not events.is_duplicate

)

select * from accepted
