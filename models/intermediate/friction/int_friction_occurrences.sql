{{ config(materialized='table') }}

{# One row per friction occurrence from every detector, in one shape: the
    kind of friction, the feature it hit, who it hit and when, and its
    severity weight. #}

{% set detectors = [
    'int_friction_errors',
    'int_friction_failure_streaks',
    'int_friction_repeated_bursts',
    'int_friction_abandoned_flows',
    'int_friction_workarounds',
    'int_friction_help_seeking',
    'int_friction_usage_declines',
] %}

with

occurrences as (

    {% for detector in detectors %}
    select
        occurrence_id,
        friction_kind,
        feature,
        account_id,
        user_id,
        occurred_at,
        severity_weight
    from {{ ref(detector) }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

dated as (

    select
        *,
        cast(occurred_at as date) as occurred_date

    from occurrences

)

select * from dated
