{# One row per user seen in identify, group or track calls (anonymous calls
    count for the user they were tied to). The account is the user's latest
    group; the email comes from the latest identify call that carried one. #}

{% set identifies_relation = source('segment', 'identifies') %}

with

identifies as (

    select * from {{ identifies_relation }}

),

events as (

    select * from {{ ref('stg_segment__events') }}

),

memberships as (

    select * from {{ ref('stg_segment__memberships') }}

),

identified as (

    select
        {{ adoption_clean_string('user_id') }} as user_id,
        {{ adoption_to_utc_timestamp('timestamp') }} as identified_at,
        lower({{ adoption_clean_string(
            adoption_column_or_null(identifies_relation, 'email')
        ) }}) as email,
        {{ adoption_try_cast(
            adoption_column_or_null(identifies_relation, 'is_internal'),
            dbt.type_boolean()
        ) }} as is_internal_flag

    from identifies

),

sightings as (

    select
        user_id,
        identified_at as seen_at
    from identified

    union all

    select
        user_id,
        occurred_at as seen_at
    from events

    union all

    select
        user_id,
        grouped_at as seen_at
    from memberships

),

first_seen as (

    select
        user_id,
        min(seen_at) as created_at

    from sightings

    where user_id is not null

    group by 1

),

latest_email as (

    select
        user_id,
        email,
        is_internal_flag,
        row_number() over (
            partition by user_id
            order by case when email is null then 1 else 0 end, identified_at desc
        ) as recency_rank

    from identified

    where user_id is not null

),

latest_account as (

    select
        user_id,
        account_id,
        row_number() over (
            partition by user_id order by grouped_at desc, message_id desc
        ) as recency_rank

    from memberships

),

users as (

    select
        first_seen.user_id,
        latest_account.account_id,
        latest_email.email,
        first_seen.created_at,
        coalesce(latest_email.is_internal_flag, false)
        or {{ adoption_is_internal_email('latest_email.email') }} as is_internal,

        case
            when latest_account.account_id is null then 'missing account_id'
        end as invalid_reason

    from first_seen

    left join latest_email
        on
            first_seen.user_id = latest_email.user_id
            and latest_email.recency_rank = 1

    left join latest_account
        on
            first_seen.user_id = latest_account.user_id
            and latest_account.recency_rank = 1

)

select * from users
