"""Critical Minerals Agreements Warehouse: read → extract → load, then dbt builds the marts."""
