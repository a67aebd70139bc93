{# One row per failed action: an accepted event whose catalog outcome is
    failure. The plainest friction, and the input of the streak and
    help-seeking detectors. #}

with

events as (

    select * from {{ ref('int_events_accepted') }}

),

errors as (

    select
        event_id as occurrence_id,
        'error' as friction_kind,
        feature,
        account_id,
        user_id,
        occurred_at,
        cast(1.0 as {{ adoption_type_double() }}) as severity_weight

    from events

    where outcome = 'failure'

)

select * from errors
