{# Every staged event row, with is_duplicate for the later copies of an
    event and the first reason a row cannot be used. Copies are compared
    only among rows that parsed: the earliest received copy is kept, and
    ties fall back to the other columns so that the choice is repeatable. #}

with

events as (

    select * from {{ adoption_staging_ref('events') }}

),

users as (

    select * from {{ ref('int_users_validated') }}

),

accounts as (

    select * from {{ ref('int_accounts_accepted') }}

),

{# One row per user id: duplicate user rows are rejects already. #}
known_users as (

    select
        user_id,
        account_id,
        rejection_reason

    from users

    where
        rejection_reason is null
        or rejection_reason != 'duplicate user_id'

),

ranked as (

    select
        *,
        case
            when invalid_reason is null
                then row_number() over (
                    partition by event_id, invalid_reason
                    order by
                        received_at nulls last,
                        occurred_at,
                        user_id,
                        event_name,
                        properties nulls last
                )
        end as copy_number

    from events

),

validated as (

    select
        ranked.event_id,
        ranked.user_id,
        ranked.event_name,
        ranked.properties,
        ranked.occurred_at,
        ranked.received_at,
        ranked.occurred_at_text,
        coalesce(ranked.account_id, known_users.account_id) as account_id,
        coalesce(ranked.copy_number > 1, false) as is_duplicate,

        case
            when ranked.invalid_reason is not null then ranked.invalid_reason
            when ranked.copy_number > 1 then null
            when known_users.user_id is null then 'unknown user_id'
            when known_users.rejection_reason = 'internal user'
                then 'internal user'
            when known_users.rejection_reason is not null
                then 'user rejected: ' || known_users.rejection_reason
            when accounts.account_id is null then 'unknown account_id'
        end as rejection_reason

    from ranked

    left join known_users
        on ranked.user_id = known_users.user_id

    left join accounts
        on coalesce(ranked.account_id, known_users.account_id) = accounts.account_id

)

select * from validated
