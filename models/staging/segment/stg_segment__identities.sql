{# One row per anonymous id that was ever tied to a user: by an identify
    call, or by a track call carrying both ids. When one anonymous id was
    tied to several users (a shared device), the earliest tie wins, so each
    anonymous event goes to the user who first identified on that device. #}

with

identifies as (

    select * from {{ source('segment', 'identifies') }}

),

tracks as (

    select * from {{ source('segment', 'tracks') }}

),

ties as (

    select
        {{ adoption_clean_string('anonymous_id') }} as anonymous_id,
        {{ adoption_clean_string('user_id') }} as user_id,
        {{ adoption_to_utc_timestamp('timestamp') }} as tied_at

    from identifies

    union all

    select
        {{ adoption_clean_string('anonymous_id') }} as anonymous_id,
        {{ adoption_clean_string('user_id') }} as user_id,
        {{ adoption_to_utc_timestamp('timestamp') }} as tied_at

    from tracks

),

ranked as (

    select
        anonymous_id,
        user_id,
        tied_at,
        row_number() over (
            partition by anonymous_id order by tied_at, user_id
        ) as tie_rank

    from ties

    where anonymous_id is not null and user_id is not null and tied_at is not null

),

identities as (

    select
        anonymous_id,
        user_id,
        tied_at as identified_at

    from ranked

    where tie_rank = 1

)

select * from identities
