{# Every staged support ticket row with the first reason it cannot be used.
    A ticket opened by an internal user is excluded like that user's events. #}

with

tickets as (

    select * from {{ adoption_staging_ref('support_tickets') }}

),

accounts as (

    select * from {{ ref('int_accounts_accepted') }}

),

internal_users as (

    select user_id

    from {{ ref('int_users_validated') }}

    where rejection_reason = 'internal user'

),

ranked as (

    select
        *,
        row_number() over (
            partition by ticket_id
            order by opened_at nulls last, closed_at nulls last, account_id nulls last
        ) as copy_number

    from tickets

),

validated as (

    select
        ranked.ticket_id,
        ranked.account_id,
        ranked.user_id,
        ranked.category,
        ranked.feature,
        ranked.priority,
        ranked.opened_at,
        ranked.closed_at,
        coalesce(
            ranked.invalid_reason,
            case
                when ranked.copy_number > 1 then 'duplicate ticket_id'
                when accounts.account_id is null then 'unknown account_id'
                when internal_users.user_id is not null then 'internal user'
            end
        ) as rejection_reason

    from ranked

    left join accounts
        on ranked.account_id = accounts.account_id

    left join internal_users
        on ranked.user_id = internal_users.user_id

)

select * from validated
