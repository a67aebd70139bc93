{{ config(
    materialized=adoption_incremental_materialization(),
    incremental_strategy=adoption_incremental_strategy(),
    unique_key='event_id',
    on_schema_change='fail',
) }}

{# Accepted events, one row per event, with the catalog's meaning of each
    event. Names missing from the catalog stay, as neutral events with no
    feature, and are counted by dq_unknown_event_names.

    Incremental runs take the validated rows written after the latest
    validated_at here. When a run changes which copy of an event is kept,
    int_events_validated wrote both copies again, and the kept one replaces
    the row of its event_id. A change to the event catalog needs a
    --full-refresh. #}

with

events as (

    select * from {{ ref('int_events_validated') }}

),

catalog as (

    select * from {{ ref('stg_catalog__event_catalog') }}

),

{% if is_incremental() %}

accepted_before as (

    select * from {{ this }}

),

{% endif %}

kept_copies as (

    select *

    from events

    where
        rejection_reason is null
        and not is_duplicate
        {% if is_incremental() %}
        and validated_at > (
            select
                coalesce(
                    max(accepted_before.validated_at),
                    cast('1900-01-01' as {{ dbt.type_timestamp() }})
                )
            from accepted_before
        )
        {% endif %}

),

accepted as (

    select
        -- ids
        kept_copies.event_id,
        kept_copies.account_id,
        kept_copies.user_id,

        -- event and its catalog meaning
        kept_copies.event_name,
        kept_copies.properties,
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
        kept_copies.occurred_at,
        kept_copies.received_at,
        cast(kept_copies.occurred_at as date) as occurred_date,
        kept_copies.validated_at

    from kept_copies

    left join catalog
        on kept_copies.event_name = catalog.event_name

)

select * from accepted
