{# One row per abandoned flow: a user starting a flow (catalog flow_step =
    start) without completing that flow within
    adoption__friction_flow_timeout_hours. Steps with the same timestamp
    are ordered start before complete, so a start and its completion logged
    in the same second count as completed. Starts too recent for the timeout
    to have passed by the as-of date are not judged. #}

{% set timeout_hours = var('adoption__friction_flow_timeout_hours') %}

with

events as (

    select * from {{ ref('int_events_accepted') }}

),

period as (

    select * from {{ ref('int_reporting_period') }}

),

flow_steps as (

    select
        event_id,
        account_id,
        user_id,
        feature,
        flow_name,
        flow_step,
        occurred_at,
        case when flow_step = 'start' then 0 else 1 end as step_order

    from events

    where flow_name is not null and flow_step in ('start', 'complete')

),

sequenced as (

    select
        *,
        lead(flow_step) over (
            partition by user_id, flow_name
            order by occurred_at, step_order, event_id
        ) as next_step,
        lead(occurred_at) over (
            partition by user_id, flow_name
            order by occurred_at, step_order, event_id
        ) as next_occurred_at

    from flow_steps

),

starts as (

    select
        sequenced.*,
        coalesce(
            sequenced.next_step = 'complete'
            and sequenced.next_occurred_at
            <= {{ dbt.dateadd('hour', timeout_hours, 'sequenced.occurred_at') }},
            false
        ) as is_completed,
        {{ dbt.dateadd('hour', timeout_hours, 'sequenced.occurred_at') }}
        <= {{ dbt.dateadd('day', 1, 'period.as_of_date') }} as is_judged

    from sequenced

    cross join period

    where sequenced.flow_step = 'start'

),

abandoned as (

    select
        {{ dbt.concat(["'flow:'", 'event_id']) }} as occurrence_id,
        'abandoned_flow' as friction_kind,
        feature,
        account_id,
        user_id,
        flow_name,
        occurred_at,
        cast(1.0 as {{ adoption_type_double() }}) as severity_weight

    from starts

    where is_judged and not is_completed

)

select * from abandoned
