{# The simulator's events carry no id. Copies with the same account, user,
    time and type are separate events there, so each gets its position among
    such copies in its id, and deduplication downstream keeps them all. #}

with

events as (

    select * from {{ source('fightchurn', 'event') }}

),

event_types as (

    select * from {{ source('fightchurn', 'event_type') }}

),

typed as (

    select
        -- ids
        {{ adoption_clean_string('events.account_id') }} as account_id,
        {{ adoption_clean_string('events.user_id') }} as user_index,
        {{ adoption_clean_string('events.event_type_id') }} as event_type_id,

        -- event
        {{ adoption_clean_string('event_types.event_type_name') }} as event_name,
        {{ adoption_try_cast('events.event_value', adoption_type_double()) }} as event_value,

        -- timestamps, parsed and as delivered
        {{ adoption_to_utc_timestamp('events.event_time') }} as occurred_at,
        {{ adoption_clean_string('events.event_time') }} as occurred_at_text

    from events

    left join event_types
        on
            {{ adoption_clean_string('events.event_type_id') }}
            = {{ adoption_clean_string('event_types.event_type_id') }}

),

identified as (

    select
        {{ dbt.concat([
            'account_id', "'-'", 'user_index', "'-'", 'event_type_id', "'-'",
            'occurred_at_text', "'-'",
            'cast(row_number() over (partition by account_id, user_index, '
            ~ 'event_type_id, occurred_at_text order by event_value nulls last) as '
            ~ dbt.type_string() ~ ')'
        ]) }} as event_id,
        case
            when account_id is not null and user_index is not null
                then {{ dbt.concat(['account_id', "':'", 'user_index']) }}
        end as user_id,
        account_id,
        coalesce(event_name, {{ dbt.concat(["'event_type_'", 'event_type_id']) }})
            as event_name,
        case
            when event_value is not null
                then {{ dbt.concat([
                    "'{\"event_value\": '",
                    'cast(event_value as ' ~ dbt.type_string() ~ ')',
                    "'}'"
                ]) }}
        end as properties,
        occurred_at,
        cast(null as {{ dbt.type_timestamp() }}) as received_at,
        occurred_at_text,
        cast(null as {{ dbt.type_string() }}) as received_at_text

    from typed

),

checked as (

    select
        *,
        {{ adoption_event_invalid_reason() }} as invalid_reason

    from identified

)

select * from checked
