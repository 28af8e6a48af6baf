"""PostgreSQL: the catalog, dumped objects, client tools, backup scopes."""
