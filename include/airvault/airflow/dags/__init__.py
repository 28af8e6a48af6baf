"""DAG factories that airvault's own DAG files call."""
