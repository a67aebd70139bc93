{# One row per account and complete week in which a subscription runs at
    the week's end: whether the account upgraded within
    adoption__upsell_outcome_window_weeks weeks after the week, that is
    whether a subscription with higher MRR or more seats than the account
    had at the week's end started in that window. Null while the window is
    not fully covered by the subscription data, so that a hit rate counts
    only weeks whose outcome is known. #}

{%- set window_weeks = var('adoption__upsell_outcome_window_weeks') -%}

with

subscriptions_weekly as (

    select * from {{ ref('int_account_subscriptions_weekly') }}

),

account_weeks as (

    select * from {{ ref('int_account_weeks') }}

),

subscriptions as (

    select * from {{ ref('int_subscriptions_accepted') }}

),

period as (

    select * from {{ ref('int_lifecycle_period') }}

),

windows as (

    select
        subscriptions_weekly.account_id,
        subscriptions_weekly.week_start_date,
        account_weeks.week_end_date,
        subscriptions_weekly.plan,
        subscriptions_weekly.seats,
        subscriptions_weekly.mrr,
        cast(
            {{ dbt.dateadd('day', 7 * window_weeks, 'account_weeks.week_end_date') }}
            as date
        ) as outcome_window_end_date,
        period.subscriptions_complete_through

    from subscriptions_weekly

    inner join account_weeks
        on
            subscriptions_weekly.account_id = account_weeks.account_id
            and subscriptions_weekly.week_start_date = account_weeks.week_start_date

    cross join period

),

upgrades as (

    select
        windows.account_id,
        windows.week_start_date,
        min(subscriptions.started_on) as first_upgrade_on

    from windows

    inner join subscriptions
        on
            windows.account_id = subscriptions.account_id
            and windows.week_end_date <= subscriptions.started_on
            and windows.outcome_window_end_date > subscriptions.started_on
            and (
                windows.mrr < subscriptions.mrr
                or windows.seats < subscriptions.seats
            )

    group by 1, 2

),

final as (

    select
        -- grain
        windows.account_id,
        windows.week_start_date,

        -- what the account paid for at the week's end
        windows.plan,
        windows.seats,
        windows.mrr,

        -- outcome
        windows.outcome_window_end_date,
        {{ dbt.dateadd('day', -1, 'windows.outcome_window_end_date') }}
        <= windows.subscriptions_complete_through as is_outcome_observed,
        case
            when
                {{ dbt.dateadd('day', -1, 'windows.outcome_window_end_date') }}
                <= windows.subscriptions_complete_through
                then upgrades.first_upgrade_on is not null
        end as upgraded_within_window,
        upgrades.first_upgrade_on

    from windows

    left join upgrades
        on
            windows.account_id = upgrades.account_id
            and windows.week_start_date = upgrades.week_start_date

)

select * from final
