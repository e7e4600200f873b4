"""Stage 3: build the warehouse with dbt, publish it atomically, answer guarded queries."""
