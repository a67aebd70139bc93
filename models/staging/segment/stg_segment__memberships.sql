{# One row per group call with a known user: the user joined (or was
    confirmed in) the account group_id at that time, with the group's
    traits. Anonymous group calls take the user of their anonymous id. #}

{% set source_relation = source('segment', 'groups') %}

with

groups as (

    select * from {{ source_relation }}

),

identities as (

    select * from {{ ref('stg_segment__identities') }}

),

typed as (

    select
        {{ adoption_clean_string('groups.id') }} as message_id,
        {{ adoption_clean_string('groups.user_id') }} as user_id,
        {{ adoption_clean_string('groups.anonymous_id') }} as anonymous_id,
        {{ adoption_clean_string('groups.group_id') }} as account_id,
        {{ adoption_to_utc_timestamp('groups.timestamp') }} as grouped_at,
        {{ adoption_clean_string(adoption_column_or_null(source_relation, 'name')) }}
            as account_name,
        {{ adoption_clean_string(adoption_column_or_null(source_relation, 'plan')) }} as plan,
        {{ adoption_try_cast(
            adoption_column_or_null(source_relation, 'seats'), dbt.type_int()
        ) }} as seats

    from groups

),

memberships as (

    select
        typed.message_id,
        coalesce(typed.user_id, identities.user_id) as user_id,
        typed.account_id,
        typed.grouped_at,
        typed.account_name,
        typed.plan,
        typed.seats

    from typed

    left join identities
        on typed.anonymous_id = identities.anonymous_id

    where
        coalesce(typed.user_id, identities.user_id) is not null
        and typed.account_id is not null
        and typed.grouped_at is not null

)

select * from memberships
