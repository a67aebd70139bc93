{# One row per account and week in which the account has a lifecycle
    state: from the week it was created to the last complete week. A
    churned account stops one week after the later of its churn week and
    its last active week, so that the week after its last activity (when
    it reads as dormant) is still reported. #}

with

lifespans as (

    select * from {{ ref('int_account_lifespans') }}

),

weeks as (

    select * from {{ ref('int_lifecycle_weeks') }}

),

account_daily as (

    select * from {{ ref('int_account_daily_activity') }}

),

last_activity as (

    select
        account_id,
        max(activity_date) as last_active_date

    from account_daily

    group by 1

),

bounds as (

    select
        lifespans.account_id,
        {{ adoption_week_start('lifespans.created_date') }}
            as created_week_start_date,
        case
            when lifespans.churned_on is not null
                then cast({{ dbt.dateadd(
                    'week', 1,
                    adoption_week_start('greatest(lifespans.churned_on, '
                        ~ 'coalesce(last_activity.last_active_date, lifespans.churned_on))')
                ) }} as date)
        end as last_week_start_date

    from lifespans

    left join last_activity
        on lifespans.account_id = last_activity.account_id

),

account_weeks as (

    select
        bounds.account_id,
        weeks.week_start_date,
        weeks.week_end_date,
        bounds.created_week_start_date

    from bounds

    inner join weeks
        on
            bounds.created_week_start_date <= weeks.week_start_date
            and (
                bounds.last_week_start_date is null
                or bounds.last_week_start_date >= weeks.week_start_date
            )

)

select * from account_weeks
