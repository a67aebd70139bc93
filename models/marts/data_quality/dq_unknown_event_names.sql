{# Event names that occur in accepted events but are missing from the event
    catalog. They are kept as neutral events; this lists them so that the
    catalog can be completed. #}

with

events as (

    select * from {{ ref('int_events_accepted') }}

),

unknown as (

    select
        event_name,
        count(*) as event_count,
        count(distinct account_id) as account_count,
        min(occurred_at) as first_seen_at,
        max(occurred_at) as last_seen_at

    from events

    where not is_known_event

    group by 1

)

select * from unknown
