{# One row per account and week: what the account pays for on the last day
    of the week. A subscription runs from started_on up to the day before
    ended_on. Overlapping subscriptions add up their seats and revenue; the
    plan shown is the one with the highest revenue. #}

with

account_weeks as (

    select * from {{ ref('int_account_weeks') }}

),

subscriptions as (

    select * from {{ ref('int_subscriptions_accepted') }}

),

running as (

    select
        account_weeks.account_id,
        account_weeks.week_start_date,
        subscriptions.plan,
        subscriptions.seats,
        subscriptions.mrr,
        row_number() over (
            partition by account_weeks.account_id, account_weeks.week_start_date
            order by subscriptions.mrr desc nulls last, subscriptions.plan asc nulls last
        ) as revenue_rank

    from account_weeks

    inner join subscriptions
        on
            account_weeks.account_id = subscriptions.account_id
            and account_weeks.week_end_date > subscriptions.started_on
            and (
                subscriptions.ended_on is null
                or account_weeks.week_end_date <= subscriptions.ended_on
            )

),

weekly as (

    select
        account_id,
        week_start_date,
        max(case when revenue_rank = 1 then plan end) as plan,
        sum(seats) as seats,
        sum(mrr) as mrr

    from running

    group by 1, 2

)

select * from weekly
