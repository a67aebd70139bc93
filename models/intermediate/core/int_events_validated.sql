{{ config(
    materialized='incremental',
    incremental_strategy=adoption_incremental_strategy(),
    unique_key='event_row_key',
    on_schema_change='fail',
) }}

{# Every staged event row, with is_duplicate for the later copies of an
    event and the first reason a row cannot be used. Copies are compared
    only among rows that parsed: the earliest received copy is kept, and
    ties fall back to the other columns so that the choice is repeatable.

    Incremental runs read again only the rows loaded (received_at, else
    occurred_at) within adoption__incremental_lookback_hours of the latest
    load time validated so far, plus the rows without a load time. Copies
    of those events validated in earlier runs are ranked again with them,
    so a copy delivered in a later run is still a duplicate, and they are
    written back with their new flags. Events rejected as in the future
    never move that watermark. Users and accounts are looked up again only
    for the rows of the run: a change to them needs a --full-refresh. #}

{% set lookback_hours = var('adoption__incremental_lookback_hours') %}

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

{% if is_incremental() %}

validated_before as (

    select * from {{ this }}

),

{% endif %}

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

loaded as (

    select
        event_id,
        user_id,
        account_id,
        event_name,
        properties,
        occurred_at,
        received_at,
        occurred_at_text,
        received_at_text,
        invalid_reason,
        coalesce(received_at, occurred_at) as loaded_at

    from events

),

{% if is_incremental() %}

{# The earliest load time read again, from the latest one validated. An
    empty table (after an --empty run) reads everything. #}
reload_window as (

    select
        {{ dbt.dateadd(
            'hour', -lookback_hours,
            'coalesce(max(loaded_at), cast(\'1900-01-01\' as ' ~ dbt.type_timestamp() ~ '))'
        ) }} as reload_from

    from validated_before

    where
        rejection_reason is null
        or rejection_reason != 'occurred_at in the future'

),

batch as (

    select loaded.*

    from loaded

    where
        loaded.loaded_at is null
        or loaded.loaded_at >= (select reload_window.reload_from from reload_window)

),

batch_event_ids as (

    select distinct event_id

    from batch

    where invalid_reason is null

),

{# Parsed copies of the batch's events that earlier runs validated and that
    are not read again now. They keep their key. #}
earlier_copies as (

    select
        validated_before.event_row_key,
        validated_before.event_id,
        validated_before.user_id,
        validated_before.account_id,
        validated_before.event_name,
        validated_before.properties,
        validated_before.occurred_at,
        validated_before.received_at,
        validated_before.occurred_at_text,
        validated_before.received_at_text,
        validated_before.invalid_reason,
        validated_before.loaded_at

    from validated_before

    inner join batch_event_ids
        on validated_before.event_id = batch_event_ids.event_id

    where
        validated_before.invalid_reason is null
        and validated_before.loaded_at < (select reload_window.reload_from from reload_window)

),

{% else %}

batch as (

    select * from loaded

),

{% endif %}

{# Rows with the same event id and the same delivered times are always read
    in the same run, because those times fix the load time, so their
    position among each other gives a key that a later run rebuilds for the
    same row. #}
keyed_batch as (

    select
        *,
        row_number() over (
            partition by event_id, received_at_text, occurred_at_text
            order by user_id, account_id, event_name, properties
        ) as delivery_number

    from batch

),

candidates as (

    select
        {{ dbt.concat([
            "coalesce(event_id, '')", "'|'",
            "coalesce(received_at_text, '')", "'|'",
            "coalesce(occurred_at_text, '')", "'|'",
            'cast(delivery_number as ' ~ dbt.type_string() ~ ')'
        ]) }} as event_row_key,
        event_id,
        user_id,
        account_id,
        event_name,
        properties,
        occurred_at,
        received_at,
        occurred_at_text,
        received_at_text,
        invalid_reason,
        loaded_at

    from keyed_batch

    {% if is_incremental() %}

    union all

    select * from earlier_copies

    {% endif %}

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
                        properties nulls last,
                        account_id,
                        received_at_text,
                        occurred_at_text
                )
        end as copy_number

    from candidates

),

validated as (

    select
        ranked.event_row_key,
        ranked.event_id,
        ranked.user_id,
        ranked.event_name,
        ranked.properties,
        ranked.occurred_at,
        ranked.received_at,
        ranked.occurred_at_text,
        ranked.received_at_text,
        coalesce(ranked.account_id, known_users.account_id) as account_id,
        coalesce(ranked.copy_number > 1, false) as is_duplicate,
        ranked.invalid_reason,

        case
            when ranked.invalid_reason is not null then ranked.invalid_reason
            when ranked.copy_number > 1 then null
            when known_users.user_id is null then 'unknown user_id'
            when known_users.rejection_reason = 'internal user'
                then 'internal user'
            when known_users.rejection_reason is not null
                then 'user rejected: ' || known_users.rejection_reason
            when accounts.account_id is null then 'unknown account_id'
        end as rejection_reason,

        ranked.loaded_at,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
            as validated_at

    from ranked

    left join known_users
        on ranked.user_id = known_users.user_id

    left join accounts
        on coalesce(ranked.account_id, known_users.account_id) = accounts.account_id

)

select * from validated
