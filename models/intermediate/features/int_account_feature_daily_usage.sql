{{ config(
    materialized=adoption_incremental_materialization(),
    incremental_strategy=adoption_incremental_strategy(),
    unique_key='account_feature_day_key',
    on_schema_change='fail',
) }}

-- The validated rows are read only in incremental runs.
-- depends_on: {{ ref('int_events_validated') }}

{# One row per account, day and catalog feature used that day. Events with
    no feature (unknown names) are not feature use.

    Incremental runs recompute, from every accepted event, the account-days
    of the event rows validated after the latest validated_at here. NOTE: a
    feature-day whose only event turns out to be a later copy of an event
    kept on another day keeps its old row until a --full-refresh. #}

with

events as (

    select * from {{ ref('int_events_accepted') }}

),

{{ adoption_touched_day_events('account_id') }}

daily as (

    select
        account_id,
        occurred_date as activity_date,
        feature,

        count(*) as events,

        max(validated_at) as validated_at

    from day_events

    where feature is not null

    group by 1, 2, 3

),

keyed as (

    select
        {{ dbt.concat([
            'account_id', "'|'", 'cast(activity_date as ' ~ dbt.type_string() ~ ')',
            "'|'", 'feature'
        ]) }} as account_feature_day_key,
        *

    from daily

)

select * from keyed
