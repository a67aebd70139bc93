{# Customer users that measures count. Emails stay out: they are needed
    only to recognise internal users, which happened upstream. #}

with

users as (

    select * from {{ ref('int_users_validated') }}

),

accepted as (

    select
        user_id,
        account_id,
        created_at

    from users

    where rejection_reason is null

)

select * from accepted
