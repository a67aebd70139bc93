{# One row per accepted account: its progress through setup and its first
    key actions, and the day it was activated. Activation needs both at
    least adoption__stage_activation_setup_share of the catalog's setup
    milestones (distinct events of journey_stage setup) and at least
    adoption__stage_activation_key_actions key actions in total. It falls
    on the day the later of the two is reached and is never undone. A
    catalog without setup events makes setup complete at creation. #}

{%- set setup_share = var('adoption__stage_activation_setup_share') -%}
{%- set key_actions_needed = var('adoption__stage_activation_key_actions') -%}

with

lifespans as (

    select * from {{ ref('int_account_lifespans') }}

),

catalog as (

    select * from {{ ref('stg_catalog__event_catalog') }}

),

events as (

    select * from {{ ref('int_events_accepted') }}

),

account_daily as (

    select * from {{ ref('int_account_daily_activity') }}

),

setup_catalog as (

    select count(distinct event_name) as setup_milestones_total

    from catalog

    where journey_stage = 'setup'

),

milestones as (

    select
        account_id,
        event_name,
        min(occurred_date) as first_done_on

    from events

    where journey_stage = 'setup'

    group by 1, 2

),

ranked_milestones as (

    select
        account_id,
        first_done_on,
        row_number() over (
            partition by account_id order by first_done_on, event_name
        ) as milestones_done

    from milestones

),

shared_milestones as (

    select
        ranked_milestones.account_id,
        ranked_milestones.first_done_on,
        ranked_milestones.milestones_done,
        ranked_milestones.milestones_done
        >= {{ setup_share }} * setup_catalog.setup_milestones_total as reaches_setup_share

    from ranked_milestones

    cross join setup_catalog

),

setup_progress as (

    select
        account_id,
        max(milestones_done) as setup_milestones_done,
        min(case when reaches_setup_share then first_done_on end) as setup_share_reached_on

    from shared_milestones

    group by 1

),

key_action_running_totals as (

    select
        account_id,
        activity_date,
        sum(key_actions) over (
            partition by account_id
            order by activity_date
            rows between unbounded preceding and current row
        ) as key_actions_to_date

    from account_daily

),

key_action_progress as (

    select
        account_id,
        max(key_actions_to_date) as key_actions_total,
        min(case
            when key_actions_to_date >= {{ key_actions_needed }} then activity_date
        end) as key_actions_reached_on

    from key_action_running_totals

    group by 1

),

milestone_dates as (

    select
        lifespans.account_id,
        lifespans.created_date,
        setup_catalog.setup_milestones_total,
        coalesce(setup_progress.setup_milestones_done, 0) as setup_milestones_done,
        coalesce(key_action_progress.key_actions_total, 0) as key_actions_total,
        case
            when setup_catalog.setup_milestones_total = 0 then lifespans.created_date
            else setup_progress.setup_share_reached_on
        end as setup_completed_on,
        case
            when {{ key_actions_needed }} <= 0 then lifespans.created_date
            else key_action_progress.key_actions_reached_on
        end as key_actions_reached_on

    from lifespans

    cross join setup_catalog

    left join setup_progress
        on lifespans.account_id = setup_progress.account_id

    left join key_action_progress
        on lifespans.account_id = key_action_progress.account_id

),

activated as (

    select
        *,
        case
            when setup_completed_on is not null and key_actions_reached_on is not null
                then greatest(created_date, setup_completed_on, key_actions_reached_on)
        end as activated_on

    from milestone_dates

)

select * from activated
