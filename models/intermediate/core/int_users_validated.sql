{# Every staged user row with the first reason it cannot be used. Internal
    users are excluded from every measure whatever else is wrong with their
    row, so 'internal user' comes first. #}

with

users as (

    select * from {{ adoption_staging_ref('users') }}

),

accounts as (

    select * from {{ ref('int_accounts_accepted') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by user_id
            order by created_at nulls last, account_id nulls last
        ) as copy_number

    from users

),

validated as (

    select
        ranked.user_id,
        ranked.account_id,
        ranked.email,
        ranked.created_at,
        ranked.is_internal,
        case
            when ranked.is_internal then 'internal user'
            when ranked.invalid_reason is not null then ranked.invalid_reason
            when ranked.copy_number > 1 then 'duplicate user_id'
            when accounts.account_id is null then 'unknown account_id'
        end as rejection_reason

    from ranked

    left join accounts
        on ranked.account_id = accounts.account_id

)

select * from validated
