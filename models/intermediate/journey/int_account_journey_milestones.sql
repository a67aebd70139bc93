{# One row per accepted account: the date it first reached each stage of
    the adoption journey, taken from its own milestones and required in
    order, so an account counts as reaching a stage only once it reached
    every earlier one. The stages: setup (a setup event), onboarding (an
    onboarding accelerator or completed onboarding flow), first key action,
    habitual use (adoption__funnel_habitual_active_days active days in a
    trailing window), collaboration or expansion (an accelerator of either
    stage), and renewal (still paying adoption__funnel_renewal_days after
    the first subscription began). is_renewal_due is false while that day
    lies after the last date churn can be observed: such an account cannot
    have renewed yet and has not failed to. #}

{% set renewal_days = var('adoption__funnel_renewal_days') %}

with

accounts as (

    select * from {{ ref('int_accounts_accepted') }}

),

events as (

    select * from {{ ref('int_events_accepted') }}

),

weekly_features as (

    select * from {{ ref('int_account_weekly_features') }}

),

subscriptions as (

    select * from {{ ref('int_subscriptions_accepted') }}

),

lifespans as (

    select * from {{ ref('int_account_lifespans') }}

),

period as (

    select * from {{ ref('int_reporting_period') }}

),

event_milestones as (

    select
        account_id,
        min(case when journey_stage = 'setup' then occurred_date end) as setup_date,
        min(case
            when
                journey_stage = 'onboarding'
                and (signal = 'accelerator' or flow_step = 'complete')
                then occurred_date
        end) as onboarding_date,
        min(case when is_key_action then occurred_date end) as first_key_action_date,
        min(case
            when
                journey_stage in ('collaboration', 'expansion')
                and signal = 'accelerator'
                then occurred_date
        end) as collaboration_expansion_date

    from events

    group by 1

),

habit_milestones as (

    select
        account_id,
        min(cast({{ dbt.dateadd('day', -1, 'week_end_date') }} as date)) as habitual_use_date

    from weekly_features

    where active_days_28d >= {{ var('adoption__funnel_habitual_active_days') }}

    group by 1

),

renewal_milestones as (

    select
        lifespans.account_id,
        cast(
            {{ dbt.dateadd('day', renewal_days, 'lifespans.first_started_on') }} as date
        ) as renewal_date

    from lifespans

    cross join period

    where
        {{ dbt.dateadd('day', renewal_days, 'lifespans.first_started_on') }}
        <= period.churn_observed_through_date
        and exists (
            select 1
            from subscriptions
            where
                subscriptions.account_id = lifespans.account_id
                and subscriptions.started_on
                <= {{ dbt.dateadd('day', renewal_days, 'lifespans.first_started_on') }}
                and (
                    subscriptions.ended_on is null
                    or subscriptions.ended_on
                    > {{ dbt.dateadd('day', renewal_days, 'lifespans.first_started_on') }}
                )
        )

),

combined as (

    select
        accounts.account_id,
        cast(accounts.created_at as date) as created_date,
        event_milestones.setup_date,
        event_milestones.onboarding_date,
        event_milestones.first_key_action_date,
        habit_milestones.habitual_use_date,
        event_milestones.collaboration_expansion_date,
        renewal_milestones.renewal_date,
        coalesce(
            {{ dbt.dateadd('day', renewal_days, 'lifespans.first_started_on') }}
            <= period.churn_observed_through_date,
            false
        ) as is_renewal_due

    from accounts

    cross join period

    left join lifespans
        on accounts.account_id = lifespans.account_id

    left join event_milestones
        on accounts.account_id = event_milestones.account_id

    left join habit_milestones
        on accounts.account_id = habit_milestones.account_id

    left join renewal_milestones
        on accounts.account_id = renewal_milestones.account_id

),

{# A stage counts only after every earlier stage: a null date stops the
   journey there, and a milestone met before the stage before it counts
   from the day that stage was reached. #}
in_order as (

    select
        account_id,
        created_date,
        is_renewal_due,
        setup_date,
        case
            when setup_date is not null and onboarding_date is not null
                then greatest(setup_date, onboarding_date)
        end as onboarding_date,
        first_key_action_date,
        habitual_use_date,
        collaboration_expansion_date,
        renewal_date

    from combined

),

after_onboarding as (

    select
        account_id,
        created_date,
        is_renewal_due,
        setup_date,
        onboarding_date,
        case
            when onboarding_date is not null and first_key_action_date is not null
                then greatest(onboarding_date, first_key_action_date)
        end as first_key_action_date,
        habitual_use_date,
        collaboration_expansion_date,
        renewal_date

    from in_order

),

after_key_action as (

    select
        account_id,
        created_date,
        is_renewal_due,
        setup_date,
        onboarding_date,
        first_key_action_date,
        case
            when first_key_action_date is not null and habitual_use_date is not null
                then greatest(first_key_action_date, habitual_use_date)
        end as habitual_use_date,
        collaboration_expansion_date,
        renewal_date

    from after_onboarding

),

after_habit as (

    select
        account_id,
        created_date,
        is_renewal_due,
        setup_date,
        onboarding_date,
        first_key_action_date,
        habitual_use_date,
        case
            when habitual_use_date is not null and collaboration_expansion_date is not null
                then greatest(habitual_use_date, collaboration_expansion_date)
        end as collaboration_expansion_date,
        renewal_date

    from after_key_action

),

in_journey_order as (

    select
        account_id,
        created_date,
        is_renewal_due,
        setup_date,
        onboarding_date,
        first_key_action_date,
        habitual_use_date,
        collaboration_expansion_date,
        case
            when collaboration_expansion_date is not null and renewal_date is not null
                then greatest(collaboration_expansion_date, renewal_date)
        end as renewal_date

    from after_habit

)

select * from in_journey_order
