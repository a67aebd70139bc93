{# The simulator's accounts carry only a channel, a birth date and a
    country. Name, plan, seats and revenue come from the account's latest
    main-plan subscription; the account is created when its first
    subscription starts, since the birth date lies years before the product
    existed in the simulation. #}

with

accounts as (

    select * from {{ source('fightchurn', 'account') }}

),

subscriptions as (

    select * from {{ ref('stg_fightchurn__subscriptions') }}

),

main_plans as (

    select
        account_id,
        plan,
        seats,
        mrr,
        started_on,
        row_number() over (
            partition by account_id
            order by started_on desc, mrr desc nulls last, plan asc nulls last
        ) as recency_rank

    from subscriptions

    where invalid_reason is null

),

account_subscriptions as (

    select
        account_id,
        min(started_on) as first_started_on,
        max(case when recency_rank = 1 then plan end) as plan,
        max(case when recency_rank = 1 then seats end) as seats_purchased,
        max(case when recency_rank = 1 then mrr end) * 12 as arr

    from main_plans

    group by 1

),

typed as (

    select
        {{ adoption_clean_string('accounts.id') }} as account_id,
        lower({{ adoption_clean_string('accounts.channel') }}) as segment

    from accounts

),

joined as (

    select
        typed.account_id,
        {{ dbt.concat(["'Account '", 'typed.account_id']) }} as account_name,
        account_subscriptions.plan,
        typed.segment,
        account_subscriptions.seats_purchased,
        account_subscriptions.arr,
        cast(account_subscriptions.first_started_on as {{ dbt.type_timestamp() }})
            as created_at,

        case
            when typed.account_id is null then 'missing account_id'
            when account_subscriptions.account_id is null
                then 'no main-plan subscription'
        end as invalid_reason

    from typed

    left join account_subscriptions
        on typed.account_id = account_subscriptions.account_id

)

select * from joined
