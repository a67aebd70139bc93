{#- The CTE day_events of an incremental daily model: in a full build every
    accepted event; in an incremental run the accepted events of each day
    and key (account or user) that has event rows validated after the
    latest validated_at already in the model, so those days are recomputed
    whole. Expects a CTE named events over int_events_accepted. -#}
{% macro adoption_touched_day_events(key_column) %}
{% if is_incremental() %}
validated as (

    select * from {{ ref('int_events_validated') }}

),

rows_before as (

    select * from {{ this }}

),

touched_days as (

    select distinct
        {{ key_column }},
        cast(occurred_at as date) as activity_date

    from validated

    where
        {{ key_column }} is not null
        and occurred_at is not null
        and validated_at > (
            select
                coalesce(
                    max(rows_before.validated_at),
                    cast('1900-01-01' as {{ dbt.type_timestamp() }})
                )
            from rows_before
        )

),

day_events as (

    select events.*

    from events

    inner join touched_days
        on
            events.{{ key_column }} = touched_days.{{ key_column }}
            and events.occurred_date = touched_days.activity_date

),
{% else %}
day_events as (

    select * from events

),
{% endif %}
{% endmacro %}
