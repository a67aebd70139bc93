{{ config(
    materialized=adoption_incremental_materialization(),
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

candidates as (

    select
        cast(null as {{ dbt.type_string() }}) as event_row_key,
        *

    from batch

    {% if is_incremental() %}

    union all

    select * from earlier_copies

    {% endif %}

),

{# One sort serves three numbers, because every window below orders each
    event's rows the same way or by a prefix of it. copies_so_far counts the
    parsed rows up to this one, so a parsed row's count is its rank among
    the parsed copies. Rows with the same event id and delivered times are
    adjacent, so position minus the rank of their times is their position
    among each other. Those rows share their load time and are always read
    in the same run, so that position gives a key that a later run rebuilds
    for the same row. #}
ranked as (

    select
        *,
        sum(case when invalid_reason is null then 1 else 0 end) over (
            partition by event_id
            order by
                received_at nulls last,
                occurred_at nulls last,
                received_at_text nulls last,
                occurred_at_text nulls last,
                user_id nulls last,
                event_name nulls last,
                properties nulls last,
                account_id nulls last
            rows between unbounded preceding and current row
        ) as copies_so_far,
        row_number() over (
            partition by event_id
            order by
                received_at nulls last,
                occurred_at nulls last,
                received_at_text nulls last,
                occurred_at_text nulls last,
                user_id nulls last,
                event_name nulls last,
                properties nulls last,
                account_id nulls last
        ) as position_in_event,
        rank() over (
            partition by event_id
            order by
                received_at nulls last,
                occurred_at nulls last,
                received_at_text nulls last,
                occurred_at_text nulls last
        ) as delivery_rank

    from candidates

),

keyed as (

    select
        coalesce(
            event_row_key,
            {{ dbt.concat([
                "coalesce(event_id, '')", "'|'",
                "coalesce(received_at_text, '')", "'|'",
                "coalesce(occurred_at_text, '')", "'|'",
                'cast(position_in_event - delivery_rank + 1 as ' ~ dbt.type_string() ~ ')'
            ]) }}
        ) as event_row_key,
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
        loaded_at,
        case when invalid_reason is null then copies_so_far end as copy_number

    from ranked

),

validated as (

    select
        keyed.event_row_key,
        keyed.event_id,
        keyed.user_id,
        keyed.event_name,
        keyed.properties,
        keyed.occurred_at,
        keyed.received_at,
        keyed.occurred_at_text,
        keyed.received_at_text,
        coalesce(keyed.account_id, known_users.account_id) as account_id,
        coalesce(keyed.copy_number > 1, false) as is_duplicate,
        keyed.invalid_reason,

        case
            when keyed.invalid_reason is not null then keyed.invalid_reason
            when keyed.copy_number > 1 then null
            when known_users.user_id is null then 'unknown user_id'
            when known_users.rejection_reason = 'internal user'
                then 'internal user'
            when known_users.rejection_reason is not null
                then 'user rejected: ' || known_users.rejection_reason
            when accounts.account_id is null then 'unknown account_id'
        end as rejection_reason,

        keyed.loaded_at,
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
            as validated_at

    from keyed

    left join known_users
        on keyed.user_id = known_users.user_id

    left join accounts
        on coalesce(keyed.account_id, known_users.account_id) = accounts.account_id

)

select * from validated
