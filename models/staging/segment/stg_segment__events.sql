{# One row per delivered track call, mapped onto the events contract. A
    call made before its user identified goes to the user its anonymous id
    was tied to. Its account is the group the user was in when the call
    happened: the latest group call at or before it, or for a call before
    any group call, the user's first group. #}

with

tracks as (

    select * from {{ source('segment', 'tracks') }}

),

identities as (

    select * from {{ ref('stg_segment__identities') }}

),

memberships as (

    select * from {{ ref('stg_segment__memberships') }}

),

typed as (

    select
        -- ids
        {{ adoption_clean_string('id') }} as event_id,
        {{ adoption_clean_string('user_id') }} as identified_user_id,
        {{ adoption_clean_string('anonymous_id') }} as anonymous_id,

        -- event
        {{ adoption_clean_string('event') }} as event_name,

        -- timestamps, parsed and as delivered
        {{ adoption_to_utc_timestamp('timestamp') }} as occurred_at,
        {{ adoption_to_utc_timestamp('received_at') }} as received_at,
        {{ adoption_clean_string('timestamp') }} as occurred_at_text,
        {{ adoption_clean_string('received_at') }} as received_at_text

    from tracks

),

attributed as (

    select
        typed.*,
        coalesce(typed.identified_user_id, identities.user_id) as user_id,
        {# A row number over the whole input keeps copies of one message
           apart while their group is looked up. #}
        row_number() over (
            order by typed.event_id, typed.received_at, typed.occurred_at_text
        ) as delivery_number

    from typed

    left join identities
        on typed.anonymous_id = identities.anonymous_id

),

with_groups as (

    select
        attributed.delivery_number,
        memberships.account_id,
        row_number() over (
            partition by attributed.delivery_number
            order by
                case when memberships.grouped_at <= attributed.occurred_at then 0 else 1 end,
                case
                    when memberships.grouped_at <= attributed.occurred_at
                        then {{ dbt.datediff(
                            'memberships.grouped_at', 'attributed.occurred_at', 'second'
                        ) }}
                end,
                memberships.grouped_at,
                memberships.message_id
        ) as membership_rank

    from attributed

    inner join memberships
        on attributed.user_id = memberships.user_id

),

mapped as (

    select
        attributed.event_id,
        attributed.user_id,
        with_groups.account_id,
        attributed.event_name,
        cast(null as {{ dbt.type_string() }}) as properties,
        attributed.occurred_at,
        attributed.received_at,
        attributed.occurred_at_text,
        attributed.received_at_text

    from attributed

    left join with_groups
        on
            attributed.delivery_number = with_groups.delivery_number
            and with_groups.membership_rank = 1

),

checked as (

    select
        *,
        {{ adoption_event_invalid_reason() }} as invalid_reason

    from mapped

)

select * from checked
