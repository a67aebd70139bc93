{# The event catalog from the data folder when it has one, otherwise the
    bundled seed of the chosen source format. #}
-- depends_on: {{ ref('event_catalog_demo') }}
-- depends_on: {{ ref('event_catalog_fightchurn') }}
-- depends_on: {{ source('catalog', 'event_catalog') }}

{% if adoption_input_exists('event_catalog') %}
{% set source_relation = source('catalog', 'event_catalog') %}
{% elif var('adoption__source_format') == 'fightchurn' %}
{% set source_relation = ref('event_catalog_fightchurn') %}
{% else %}
{% set source_relation = ref('event_catalog_demo') %}
{% endif %}

with

source as (

    select * from {{ source_relation }}

),

renamed as (

    select
        -- event
        {{ adoption_clean_string('event_name') }} as event_name,
        {{ adoption_clean_string('feature') }} as feature,

        -- classification
        lower({{ adoption_clean_string('journey_stage') }}) as journey_stage,
        lower({{ adoption_clean_string('signal') }}) as signal,
        lower({{ adoption_clean_string('outcome') }}) as outcome,
        {{ adoption_clean_string('flow_name') }} as flow_name,
        lower({{ adoption_clean_string('flow_step') }}) as flow_step,

        -- flags; optional columns default to false
        {{ adoption_catalog_flag(source_relation, 'is_key_action') }} as is_key_action,
        {{ adoption_catalog_flag(source_relation, 'is_integration') }} as is_integration,
        {{ adoption_catalog_flag(source_relation, 'is_naturally_repeated') }}
            as is_naturally_repeated,
        {{ adoption_catalog_flag(source_relation, 'is_help_seeking') }}
            as is_help_seeking

    from source

)

select * from renamed
