{# Every input row that no model uses, with the reason. Later copies of an
    event are not here: they are counted as duplicates in dq_row_counts.
    Emails are never copied here. #}

with

accounts as (

    select * from {{ ref('int_accounts_validated') }}

),

users as (

    select * from {{ ref('int_users_validated') }}

),

events as (

    select * from {{ ref('int_events_validated') }}

),

subscriptions as (

    select * from {{ ref('int_subscriptions_validated') }}

),

tickets as (

    select * from {{ ref('int_support_tickets_validated') }}

),

rejected as (

    select
        'accounts' as source_table,
        account_id as record_id,
        account_id,
        cast(null as {{ dbt.type_string() }}) as user_id,
        cast(created_at as {{ dbt.type_string() }}) as recorded_at_text,
        rejection_reason
    from accounts
    where rejection_reason is not null

    union all

    select
        'users' as source_table,
        user_id as record_id,
        account_id,
        user_id,
        cast(created_at as {{ dbt.type_string() }}) as recorded_at_text,
        rejection_reason
    from users
    where rejection_reason is not null

    union all

    select
        'events' as source_table,
        event_id as record_id,
        account_id,
        user_id,
        occurred_at_text as recorded_at_text,
        rejection_reason
    from events
    where rejection_reason is not null

    union all

    select
        'subscriptions' as source_table,
        subscription_id as record_id,
        account_id,
        cast(null as {{ dbt.type_string() }}) as user_id,
        cast(started_on as {{ dbt.type_string() }}) as recorded_at_text,
        rejection_reason
    from subscriptions
    where rejection_reason is not null

    union all

    select
        'support_tickets' as source_table,
        ticket_id as record_id,
        account_id,
        user_id,
        cast(opened_at as {{ dbt.type_string() }}) as recorded_at_text,
        rejection_reason
    from tickets
    where rejection_reason is not null

),

numbered as (

    select
        {{ dbt.concat([
            'source_table', "':'",
            "coalesce(record_id, '(missing)')", "':'",
            'cast(row_number() over (partition by source_table, record_id '
            ~ 'order by rejection_reason, account_id nulls last, user_id nulls last, '
            ~ 'recorded_at_text nulls last) as '
            ~ dbt.type_string() ~ ')'
        ]) }} as rejected_row_id,
        source_table,
        record_id,
        account_id,
        user_id,
        recorded_at_text,
        rejection_reason

    from rejected

)

select * from numbered
