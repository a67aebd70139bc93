{# One row per request for help tied to a feature: a help-seeking event
    (catalog is_help_seeking) by a user within
    adoption__friction_help_window_minutes after that user's failure on the
    feature, attributed to the latest such failure; and a support ticket
    about the feature opened within adoption__friction_ticket_window_days
    after a failure on it in the same account. #}

{% set help_minutes = var('adoption__friction_help_window_minutes') %}
{% set ticket_days = var('adoption__friction_ticket_window_days') %}

with

events as (

    select * from {{ ref('int_events_accepted') }}

),

errors as (

    select * from {{ ref('int_friction_errors') }}

),

tickets as (

    select * from {{ ref('int_support_tickets_accepted') }}

),

help_events as (

    select
        event_id,
        account_id,
        user_id,
        occurred_at

    from events

    where is_help_seeking

),

help_after_failure as (

    select
        help_events.event_id,
        help_events.account_id,
        help_events.user_id,
        help_events.occurred_at,
        errors.feature,
        row_number() over (
            partition by help_events.event_id
            order by errors.occurred_at desc, errors.occurrence_id desc
        ) as recency_rank

    from help_events

    inner join errors
        on
            help_events.user_id = errors.user_id
            and help_events.occurred_at >= errors.occurred_at
            and help_events.occurred_at
            <= {{ dbt.dateadd('minute', help_minutes, 'errors.occurred_at') }}

),

tickets_after_failure as (

    select
        tickets.ticket_id,
        tickets.account_id,
        tickets.user_id,
        tickets.feature,
        tickets.opened_at

    from tickets

    where exists (
        select 1
        from errors
        where
            errors.account_id = tickets.account_id
            and errors.feature = tickets.feature
            and errors.occurred_at <= tickets.opened_at
            and tickets.opened_at
            <= {{ dbt.dateadd('day', ticket_days, 'errors.occurred_at') }}
    )

),

help_seeking as (

    select
        {{ dbt.concat(["'help:'", 'event_id']) }} as occurrence_id,
        'help_seeking' as friction_kind,
        feature,
        account_id,
        user_id,
        occurred_at,
        cast(1.0 as {{ adoption_type_double() }}) as severity_weight

    from help_after_failure

    where recency_rank = 1

    union all

    {# A ticket costs the customer more than reading a help page. #}
    select
        {{ dbt.concat(["'ticket:'", 'ticket_id']) }} as occurrence_id,
        'help_seeking' as friction_kind,
        feature,
        account_id,
        user_id,
        opened_at as occurred_at,
        cast(3.0 as {{ adoption_type_double() }}) as severity_weight

    from tickets_after_failure

)

select * from help_seeking
