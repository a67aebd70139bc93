{#- True when an email address ends with one of the domains listed in
    adoption__internal_email_domains (for example "@vendor.example"). -#}
{% macro adoption_is_internal_email(email_column) %}
    {%- set domains = var('adoption__internal_email_domains') -%}
    {%- if domains is string -%}
        {{ exceptions.raise_compiler_error(
            "Invalid adoption__internal_email_domains '" ~ domains
            ~ "': give a list, for example [\"vendor.example\"]."
        ) }}
    {%- endif -%}
    {%- if not domains -%}
        {{- return('false') -}}
    {%- endif -%}
    (
        {%- for domain in domains %}
        {{ email_column }} like {{ adoption_sql_string('%@' ~ (domain | lower | replace('@', ''))) }}
        {%- if not loop.last %} or{% endif %}
        {%- endfor %}
    )
{%- endmacro %}
