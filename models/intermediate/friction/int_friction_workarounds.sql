{# One row per workaround: an action followed by another within a time
    window, by the same user, as declared in the friction_workaround_patterns
    seed (for example an export followed by an import, or undo after undo).
    The patterns are data, so a product team adds its own without SQL. #}

with

events as (

    select * from {{ ref('int_events_accepted') }}

),

patterns as (

    select * from {{ ref('friction_workaround_patterns') }}

),

first_steps as (

    select
        events.event_id,
        events.account_id,
        events.user_id,
        events.occurred_at,
        patterns.pattern_name,
        patterns.feature,
        patterns.next_event_name,
        patterns.within_minutes

    from events

    inner join patterns
        on events.event_name = patterns.first_event_name

),

next_steps as (

    select
        event_id,
        user_id,
        event_name,
        occurred_at

    from events

    where event_name in (select patterns.next_event_name from patterns)

),

matched as (

    select
        first_steps.event_id,
        first_steps.account_id,
        first_steps.user_id,
        first_steps.pattern_name,
        first_steps.feature,
        first_steps.occurred_at,
        count(*) as follow_ups

    from first_steps

    inner join next_steps
        on
            first_steps.user_id = next_steps.user_id
            and first_steps.next_event_name = next_steps.event_name
            and first_steps.event_id != next_steps.event_id
            and first_steps.occurred_at <= next_steps.occurred_at
            and next_steps.occurred_at
            <= {{ dbt.dateadd(
                'minute', 'first_steps.within_minutes', 'first_steps.occurred_at'
            ) }}

    group by 1, 2, 3, 4, 5, 6

),

workarounds as (

    select
        {{ dbt.concat(["'workaround:'", 'pattern_name', "':'", 'event_id']) }}
            as occurrence_id,
        'workaround' as friction_kind,
        feature,
        account_id,
        user_id,
        pattern_name,
        occurred_at,
        cast(1.0 as {{ adoption_type_double() }}) as severity_weight

    from matched

)

select * from workarounds
