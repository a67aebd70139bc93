{#- Create one view per input file in the raw schema, so that the sources
    read the files in place. A table is found as <name>.parquet, <name>.csv or
    a folder <name>/ of Parquet files, in that order. CSV is read as text so
    that staging, not the reader, decides what is unparseable. A missing
    required file stops the run with the paths that were tried. -#}
{% macro register_input_files() %}
    {%- if not execute
        or target.type != 'duckdb'
        or not var('adoption__read_input_files') -%}
        {{ return('') }}
    {%- endif -%}

    {%- set data_dir = var('adoption__data_dir') | string -%}
    {%- set data_dir = data_dir.rstrip('/') -%}
    {%- set raw_schema = var('adoption__raw_schema') -%}
    {%- do run_query('create schema if not exists ' ~ raw_schema) -%}

    {%- for table in adoption_input_tables() -%}
        {%- set candidates = [
            {'path': data_dir ~ '/' ~ table.name ~ '.parquet', 'reader': 'parquet'},
            {'path': data_dir ~ '/' ~ table.name ~ '.csv', 'reader': 'csv'},
            {'path': data_dir ~ '/' ~ table.name ~ '/*.parquet', 'reader': 'parquet'},
        ] -%}
        {%- set found = [] -%}
        {%- for candidate in candidates if not found -%}
            {%- set matches = run_query(
                "select count(*) from glob(" ~ adoption_sql_string(candidate.path) ~ ")"
            ) -%}
            {%- if matches.columns[0].values()[0] > 0 -%}
                {%- do found.append(candidate) -%}
            {%- endif -%}
        {%- endfor -%}

        {%- set view_name = raw_schema ~ '.' ~ table.name -%}
        {%- if found -%}
            {%- set path = adoption_sql_string(found[0].path) -%}
            {%- if found[0].reader == 'csv' -%}
                {%- set reader_sql = "read_csv(" ~ path ~ ", header = true, all_varchar = true)" -%}
            {%- else -%}
                {%- set reader_sql = "read_parquet(" ~ path ~ ")" -%}
            {%- endif -%}
            {%- do run_query(
                'create or replace view ' ~ view_name ~ ' as select * from ' ~ reader_sql
            ) -%}
            {%- do log('Input ' ~ table.name ~ ': ' ~ found[0].path, info=true) -%}
        {%- elif table.required -%}
            {{ exceptions.raise_compiler_error(
                "Missing input file for '" ~ table.name ~ "': none of "
                ~ (candidates | map(attribute='path') | join(', '))
                ~ " exists. Set ADOPTION_DATA_DIR to the folder that holds the "
                ~ var('adoption__source_format') ~ " input files (now '" ~ data_dir
                ~ "'), or ADOPTION_SOURCE_FORMAT to the format of those files."
            ) }}
        {%- else -%}
            {#- A view left over from an earlier run on another folder must not
                stand in for a file that is absent now. -#}
            {%- do run_query('drop view if exists ' ~ view_name) -%}
            {%- do log('Input ' ~ table.name ~ ': no file, optional', info=true) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return('') }}
{% endmacro %}
