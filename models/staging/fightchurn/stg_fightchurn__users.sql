{# The simulator has no users table: a user is the pair of account and user
    index seen in the events, created at its first event. #}

with

events as (

    select * from {{ ref('stg_fightchurn__events') }}

),

users as (

    select
        user_id,
        account_id,
        cast(null as {{ dbt.type_string() }}) as email,
        min(occurred_at) as created_at,
        false as is_internal,
        cast(null as {{ dbt.type_string() }}) as invalid_reason

    from events

    where user_id is not null

    group by 1, 2, 3

)

select * from users
