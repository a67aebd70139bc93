{#- Stop the run because a required input file is missing, naming the paths
    that were tried and the settings that choose them. -#}
{% macro adoption_raise_missing_input(table_name, tried_paths) %}
    {{ exceptions.raise_compiler_error(
        "Missing input file for '" ~ table_name ~ "': none of "
        ~ (tried_paths | join(', '))
        ~ " exists. Set ADOPTION_DATA_DIR to the folder that holds the "
        ~ var('adoption__source_format') ~ " input files (now '"
        ~ (var('adoption__data_dir') | string).rstrip('/')
        ~ "'), or ADOPTION_SOURCE_FORMAT to the format of those files."
    ) }}
{% endmacro %}
