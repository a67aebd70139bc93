{# Every staged subscription row with the first reason it cannot be used. #}

with

subscriptions as (

    select * from {{ adoption_staging_ref('subscriptions') }}

),

accounts as (

    select * from {{ ref('int_accounts_accepted') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by subscription_id
            order by
                started_on nulls last,
                ended_on nulls last,
                account_id nulls last,
                plan nulls last
        ) as copy_number

    from subscriptions

),

validated as (

    select
        ranked.subscription_id,
        ranked.account_id,
        ranked.plan,
        ranked.seats,
        ranked.mrr,
        ranked.started_on,
        ranked.ended_on,
        coalesce(
            ranked.invalid_reason,
            case
                when ranked.copy_number > 1 then 'duplicate subscription_id'
                when accounts.account_id is null then 'unknown account_id'
            end
        ) as rejection_reason

    from ranked

    left join accounts
        on ranked.account_id = accounts.account_id

)

select * from validated
